using System.Text.Json;
using FluentValidation;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;

namespace MedAesthetics.Api.Modules.Notifications;

public sealed record NotificationListQuery(bool? UnreadOnly, int? Page, int? PageSize)
{
    public PageQuery Paging => new(Page, PageSize);
}

public sealed class NotificationListQueryValidator : AbstractValidator<NotificationListQuery>
{
    public NotificationListQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}

public sealed record DeliveryListQuery
{
    [TextValues(typeof(DeliveryStatus))] public string? Status { get; init; }
    [TextValues(typeof(NotificationChannel))] public string? Channel { get; init; }
    public Guid? UserId { get; init; }
    public int? Page { get; init; }
    public int? PageSize { get; init; }

    public PageQuery Paging => new(Page, PageSize);
    public DeliveryStatus? StatusFilter => EnumColumns.Parse<DeliveryStatus>(Status);
    public NotificationChannel? ChannelFilter => EnumColumns.Parse<NotificationChannel>(Channel);
}

public sealed class DeliveryListQueryValidator : AbstractValidator<DeliveryListQuery>
{
    public DeliveryListQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || EnumColumns.Parse<DeliveryStatus>(s) is not null)
            .WithMessage($"status must be one of {EnumColumns.Names<DeliveryStatus>()}.");
        RuleFor(q => q.Channel).Must(s => s is null || EnumColumns.Parse<NotificationChannel>(s) is not null)
            .WithMessage($"channel must be one of {EnumColumns.Names<NotificationChannel>()}.");
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}

public sealed record SendNotificationRequest(
    IReadOnlyList<Guid>? UserIds, IReadOnlyList<string>? Channels, string? Title, string? Body, JsonElement? Data, bool? Urgent, bool? Marketing)
{
    /// <summary>The channels named (validated), always with the inbox.</summary>
    public IReadOnlyList<NotificationChannel> ChannelList =>
        (Channels ?? []).Select(c => EnumColumns.Parse<NotificationChannel>(c)).OfType<NotificationChannel>().Append(NotificationChannel.InApp).Distinct().ToList();
}

public sealed class SendNotificationRequestValidator : AbstractValidator<SendNotificationRequest>
{
    public const int MaxRecipients = 500;

    public SendNotificationRequestValidator()
    {
        RuleFor(r => r.UserIds).NotEmpty().WithMessage("userIds must name at least one user.")
            .Must(ids => ids is null || ids.Count <= MaxRecipients).WithMessage($"At most {MaxRecipients} users at once.");
        RuleForEach(r => r.UserIds).NotEqual(Guid.Empty);
        RuleFor(r => r.Channels).NotEmpty().WithMessage($"channels must name at least one of {EnumColumns.Names<NotificationChannel>()}.");
        RuleForEach(r => r.Channels).Must(c => EnumColumns.Parse<NotificationChannel>(c) is not null)
            .WithMessage($"channels may only name {EnumColumns.Names<NotificationChannel>()}.").OverridePropertyName("channels");
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Body).NotEmpty().MaximumLength(2000);
        RuleFor(r => r.Data).Must(d => d is null || d.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
            .WithMessage("data must be a JSON object.")
            .Must(d => d is null || d.Value.GetRawText().Length <= 4000).WithMessage("data must be at most 4000 characters of JSON.");
    }
}

public sealed record RegisterDeviceRequest(string? Token, string? Platform)
{
    public DevicePlatform PlatformValue => EnumColumns.Parse<DevicePlatform>(Platform) ?? throw new InvalidOperationException("Validated before use.");
}

public sealed class RegisterDeviceRequestValidator : AbstractValidator<RegisterDeviceRequest>
{
    public RegisterDeviceRequestValidator()
    {
        RuleFor(r => r.Token).NotEmpty().MaximumLength(4096);
        RuleFor(r => r.Platform).Must(p => EnumColumns.Parse<DevicePlatform>(p) is not null).WithMessage($"platform must be one of {EnumColumns.Names<DevicePlatform>()}.");
    }
}

public sealed record QuietHoursBody([property: TextFormat(TextFormatAttribute.ClockTime)] string? Start, [property: TextFormat(TextFormatAttribute.ClockTime)] string? End);

public sealed record UpdatePreferencesRequest(Dictionary<string, bool>? Channels, QuietHoursBody? QuietHours, bool? Marketing, string? ViberUserId);

public sealed class UpdatePreferencesRequestValidator : AbstractValidator<UpdatePreferencesRequest>
{
    public UpdatePreferencesRequestValidator()
    {
        RuleFor(r => r.Channels).Must(c => c is null || c.Keys.All(k => EnumColumns.Parse<NotificationChannel>(k) is not null))
            .WithMessage($"channels may only name {EnumColumns.Names<NotificationChannel>()}.");
        When(r => r.QuietHours is not null, () =>
        {
            RuleFor(r => r.QuietHours!.Start).Must(t => PreferenceTimes.TryParse(t, out _)).WithName("quietHours.start").WithMessage("quietHours.start must be HH:mm.");
            RuleFor(r => r.QuietHours!.End).Must(t => PreferenceTimes.TryParse(t, out _)).WithName("quietHours.end").WithMessage("quietHours.end must be HH:mm.");
        });
        RuleFor(r => r.ViberUserId).MaximumLength(100);
    }
}

public static class PreferenceTimes
{
    private static readonly NodaTime.Text.LocalTimePattern Pattern = NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static bool TryParse(string? text, out NodaTime.LocalTime time)
    {
        var result = text is null ? null : Pattern.Parse(text);
        time = result is { Success: true } ? result.Value : default;
        return result is { Success: true };
    }

    public static string Format(NodaTime.LocalTime time) => Pattern.Format(time);
}
