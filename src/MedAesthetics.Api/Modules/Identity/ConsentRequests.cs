using FluentValidation;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Identity;

public sealed record RecordConsentRequest(string? Type, string? Version, bool? Granted)
{
    public ConsentType? TypeValue => EnumColumns.Parse<ConsentType>(Type);
}

public sealed class RecordConsentRequestValidator : AbstractValidator<RecordConsentRequest>
{
    public RecordConsentRequestValidator()
    {
        RuleFor(r => r.Type).NotEmpty().Must(t => EnumColumns.Parse<ConsentType>(t) is not null)
            .WithMessage($"type must be one of {EnumColumns.Names<ConsentType>()}.");
        RuleFor(r => r.Version).NotEmpty().MaximumLength(40);
        RuleFor(r => r.Granted).NotNull();
    }
}

public sealed record ConsentResponse(Guid Id, ConsentType Type, string Version, bool Granted, Instant RecordedAt, string? Ip)
{
    public static ConsentResponse From(Consent c) => new(c.Id, c.Type, c.Version, c.Granted, c.RecordedAt, c.IpAddress);
}

/// <summary>The consents in force (the latest per type) and every decision ever recorded, newest first.</summary>
public sealed record ConsentsResponse(IReadOnlyList<ConsentResponse> InForce, IReadOnlyList<ConsentResponse> History);

public sealed record DeleteAccountRequest(string? Password);

public sealed class DeleteAccountRequestValidator : AbstractValidator<DeleteAccountRequest>
{
    public DeleteAccountRequestValidator() => RuleFor(r => r.Password).NotEmpty().MaximumLength(IdentityValidators.MaxPasswordLength);
}

public sealed record ErasureResponse(Guid UserId, Instant ErasedAt);
