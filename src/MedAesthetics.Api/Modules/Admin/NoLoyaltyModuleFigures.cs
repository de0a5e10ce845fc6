using MedAesthetics.Api.Contracts;
using NodaTime;

namespace MedAesthetics.Api.Modules.Admin;

/// <summary>
/// PLACEHOLDER until the Loyalty module is merged: it implements ILoyaltyFigures on its own branch. Registered with
/// TryAddScoped, so the real implementation wins; delete this file (and its registration in AdminModule) when merging.
/// </summary>
public sealed class NoLoyaltyModuleFigures : ILoyaltyFigures
{
    public Task<LoyaltyFigures> ForPeriodAsync(Instant from, Instant to, Guid? clinicId, CancellationToken cancellationToken) =>
        Task.FromResult(new LoyaltyFigures(0, 0, 0));
}
