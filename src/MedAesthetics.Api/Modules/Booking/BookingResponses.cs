using MedAesthetics.Api.Platform.Http;
using NodaTime;

namespace MedAesthetics.Api.Modules.Booking;

public sealed record HoldResponse(Guid HoldId, Instant ExpiresAt, Guid ClinicId, Guid ServiceId, Guid ProviderId, Instant Start, Instant End);

public sealed record AppointmentResponse(
    Guid Id, Guid ClinicId, Guid ServiceId, Guid ProviderId, Guid? ClientId, Instant Start, Instant End,
    AppointmentStatus Status, Money Price, Money? AmountPaid, string? Notes, Guid? SeriesId, Instant CreatedAt,
    string? CancellationReason, SeriesResult? Series = null)
{
    public static AppointmentResponse From(Appointment a, SeriesResult? series = null) =>
        new(a.Id, a.ClinicId, a.ServiceId, a.ProviderId, a.ClientId, a.Start, a.End, a.Status, Money.Of(a.Price, a.Currency),
            a.AmountPaid is { } paid ? Money.Of(paid, a.Currency) : null, a.Notes, a.SeriesId, a.CreatedAt, a.CancellationReason, series);
}

/// <summary>A recurring series: what was booked and which occurrences could not be, with why.</summary>
public sealed record SeriesResult(Guid SeriesId, IReadOnlyList<AppointmentResponse> Booked, IReadOnlyList<SeriesCollision> Collisions);

public sealed record SeriesCollision(int Occurrence, Instant? Start, string Reason);

public sealed record AvailabilitySlot(Instant Start, Instant End, Guid ProviderId);

/// <summary>The documented shape of the availability answer; <see cref="AvailabilityAnswer"/> writes this text straight from the slots.</summary>
public sealed record AvailabilityResponse(Guid ClinicId, Guid ServiceId, string Timezone, IReadOnlyList<AvailabilitySlot> Slots);
