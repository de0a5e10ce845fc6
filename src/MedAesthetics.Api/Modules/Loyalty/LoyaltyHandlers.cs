using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Outbox;

namespace MedAesthetics.Api.Modules.Loyalty;

/// <summary>AppointmentCompleted -> points for the client (once per appointment) and, on a referred client's first, the referral bonus.</summary>
public sealed class EarnPointsOnAppointmentCompleted(LoyaltyEarning earning) : IntegrationEventHandler<AppointmentCompleted>
{
    protected override Task HandleAsync(AppointmentCompleted completed, EventContext context, CancellationToken cancellationToken) =>
        earning.EarnForAppointmentAsync(completed.Appointment, completed.AmountPaid, cancellationToken);
}

/// <summary>UserRegistered (a client) -> its loyalty account with a referral code, linked to its referrer.</summary>
public sealed class OpenAccountOnClientRegistered(LoyaltyEarning earning) : IntegrationEventHandler<UserRegistered>
{
    protected override Task HandleAsync(UserRegistered registered, EventContext context, CancellationToken cancellationToken) =>
        registered.Role == UserRole.Client
            ? earning.OpenAccountAsync(registered.UserId, registered.ReferralCode, cancellationToken)
            : Task.CompletedTask;
}
