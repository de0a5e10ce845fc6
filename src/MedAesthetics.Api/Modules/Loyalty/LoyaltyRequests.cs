using FluentValidation;
using MedAesthetics.Api.Platform.Http;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>POST /loyalty/redeem; the minimum and the step are settings, checked by the service.</summary>
public sealed record RedeemRequest(Guid? ClientId, int? Points, Guid? AppointmentId)
{
    /// <summary>The request as the idempotency key remembers it.</summary>
    public string Fingerprint => $"{ClientId:N}|{Points}|{AppointmentId:N}";
}

public sealed class RedeemRequestValidator : AbstractValidator<RedeemRequest>
{
    public RedeemRequestValidator()
    {
        RuleFor(r => r.ClientId).NotNull().NotEqual(Guid.Empty);
        RuleFor(r => r.Points).NotNull().GreaterThan(0).LessThanOrEqualTo(10_000_000);
        RuleFor(r => r.AppointmentId).NotEqual(Guid.Empty);
    }
}

/// <summary>POST /loyalty/{clientId}/adjustments (admins): points up or down with a reason.</summary>
public sealed record AdjustmentRequest(int? Points, string? Reason);

public sealed class AdjustmentRequestValidator : AbstractValidator<AdjustmentRequest>
{
    public AdjustmentRequestValidator()
    {
        RuleFor(r => r.Points).NotNull().NotEqual(0).InclusiveBetween(-1_000_000, 1_000_000);
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(500).Must(r => r is null || r.Trim().Length > 0).WithMessage("'Reason' must not be blank.");
    }
}

public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    /// <summary>Why the header value is not acceptable, or null.</summary>
    public static string? Problem(string? key) =>
        string.IsNullOrWhiteSpace(key) ? $"The {Header} header is required: a unique value per redemption, reused only to retry it."
        : key.Length > MaxLength ? $"The {Header} header may be at most {MaxLength} characters."
        : null;
}

public sealed record HistoryQuery(int? Page, int? PageSize)
{
    public PageQuery Paging => new(Page, PageSize);
}

public sealed class HistoryQueryValidator : AbstractValidator<HistoryQuery>
{
    public HistoryQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}
