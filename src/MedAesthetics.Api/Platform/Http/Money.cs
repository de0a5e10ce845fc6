using FluentValidation;

namespace MedAesthetics.Api.Platform.Http;

/// <summary>
/// {"amount": 120.00, "currency": "EUR"}: numeric(12,2) plus an ISO 4217 code. Both fields are required (a missing
/// amount is a 400, not a price of 0); an amount is 0 to 1,000,000 with at most 2 decimals: a larger one is a typo.
/// </summary>
public sealed record Money(decimal Amount, string Currency)
{
    public const decimal MaxAmount = 1_000_000m;
    public static Money Of(decimal amount, string currency) => new(decimal.Round(amount, 2), currency);
}

public sealed class MoneyValidator : AbstractValidator<Money>
{
    public MoneyValidator()
    {
        RuleFor(m => m.Amount).GreaterThanOrEqualTo(0).LessThanOrEqualTo(Money.MaxAmount)
            .Must(a => decimal.Round(a, 2) == a).WithMessage("The amount may have at most 2 decimals.");
        RuleFor(m => m.Currency).NotEmpty().Matches("^[A-Z]{3}$").WithMessage("The currency must be a 3-letter ISO 4217 code such as EUR.");
    }
}
