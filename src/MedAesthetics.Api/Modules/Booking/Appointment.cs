using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>
/// Where a row is in its life. A hold is a row in <see cref="Held"/> that has not reached its expiry; confirming it
/// keeps the id. Only held (live) and confirmed rows occupy the provider's time, which the exclusion constraint enforces.
/// </summary>
public enum AppointmentStatus
{
    Held,
    Confirmed,
    Completed,
    Cancelled,
    NoShow,
    Expired,
}

/// <summary>One provider's time for one service: a short hold first, or straight away a confirmed appointment.</summary>
public sealed class Appointment : Entity
{
    private Appointment() { }

    public Guid ClinicId { get; private set; }
    public Guid ServiceId { get; private set; }
    public Guid ProviderId { get; private set; }
    public Guid? ClientId { get; private set; }
    public AppointmentStatus Status { get; private set; }
    /// <summary>The service itself, [Start, End).</summary>
    public Instant Start { get; private set; }
    public Instant End { get; private set; }
    /// <summary>The provider's time the appointment takes: the service widened by the service's buffers.</summary>
    public Instant OccupiedFrom { get; private set; }
    public Instant OccupiedTo { get; private set; }
    public Instant? HoldExpiresAt { get; private set; }
    public decimal Price { get; private set; }
    public string Currency { get; private set; } = "EUR";
    public decimal? AmountPaid { get; private set; }
    public string? Notes { get; private set; }
    public Guid? SeriesId { get; private set; }
    public Guid CreatedBy { get; private set; }
    public Instant? ConfirmedAt { get; private set; }
    public Instant? CancelledAt { get; private set; }
    public string? CancellationReason { get; private set; }
    public Instant? CompletedAt { get; private set; }

    public bool IsActive => Status == AppointmentStatus.Confirmed;

    public static Appointment Hold(BookingSlot slot, Guid? clientId, Guid createdBy, Instant expiresAt) =>
        new Appointment { Status = AppointmentStatus.Held, HoldExpiresAt = expiresAt, ClientId = clientId, CreatedBy = createdBy }.Place(slot);

    public static Appointment Book(BookingSlot slot, Guid clientId, Guid createdBy, string? notes, Guid? seriesId, Instant now) =>
        new Appointment
        {
            Status = AppointmentStatus.Confirmed, ClientId = clientId, CreatedBy = createdBy, Notes = Clean(notes), SeriesId = seriesId, ConfirmedAt = now,
        }.Place(slot);

    /// <summary>Turns a live hold into a confirmed appointment at the service's current price.</summary>
    public string? Confirm(Guid clientId, string? notes, decimal price, string currency, Guid? seriesId, Instant now)
    {
        if (Status != AppointmentStatus.Held)
            return "This hold has already been used or released.";
        if (HoldExpiresAt <= now)
            return "This hold has expired; hold the slot again.";
        Status = AppointmentStatus.Confirmed;
        ClientId = clientId;
        Notes = Clean(notes);
        Price = price;
        Currency = currency;
        SeriesId = seriesId;
        ConfirmedAt = now;
        HoldExpiresAt = null;
        return null;
    }

    public string? Reschedule(BookingSlot slot, bool byClient, Instant now, Duration clientNotice)
    {
        if (Status != AppointmentStatus.Confirmed)
            return $"A {StatusName} appointment cannot be rescheduled.";
        if (byClient && now > Start - clientNotice)
            return $"Clients may reschedule until {clientNotice.TotalHours:0} hours before the start; call the clinic.";
        Place(slot, keepPrice: true);
        return null;
    }

    public string? Cancel(string? reason, bool byClient, Instant now, Duration clientNotice)
    {
        if (Status != AppointmentStatus.Confirmed)
            return $"A {StatusName} appointment cannot be cancelled.";
        if (byClient && now > Start - clientNotice)
            return $"Clients may cancel until {clientNotice.TotalHours:0} hours before the start; call the clinic.";
        Status = AppointmentStatus.Cancelled;
        CancelledAt = now;
        CancellationReason = Clean(reason);
        return null;
    }

    public string? Complete(decimal? amountPaid, string? notes, Instant now)
    {
        if (Status != AppointmentStatus.Confirmed)
            return $"A {StatusName} appointment cannot be completed.";
        if (now < Start)
            return "An appointment cannot be completed before it starts.";
        Status = AppointmentStatus.Completed;
        CompletedAt = now;
        AmountPaid = amountPaid ?? Price;
        if (notes is not null) Notes = Clean(notes);
        return null;
    }

    public string? MarkNoShow(Instant now)
    {
        if (Status != AppointmentStatus.Confirmed)
            return $"A {StatusName} appointment cannot be marked as a no-show.";
        if (now < Start)
            return "A client can be a no-show only after the start.";
        Status = AppointmentStatus.NoShow;
        return null;
    }

    public AppointmentFacts Facts() =>
        new(Id, ClinicId, ProviderId, ClientId ?? Guid.Empty, ServiceId, Start, End, Price, Currency, SeriesId);

    private string StatusName => EnumColumns.ToText(Status);

    private Appointment Place(BookingSlot slot, bool keepPrice = false)
    {
        ClinicId = slot.ClinicId;
        ServiceId = slot.ServiceId;
        ProviderId = slot.ProviderId;
        Start = slot.Start;
        End = slot.End;
        OccupiedFrom = slot.OccupiedFrom;
        OccupiedTo = slot.OccupiedTo;
        if (!keepPrice)
        {
            Price = slot.Price;
            Currency = slot.Currency;
        }
        return this;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A concrete placement: provider, service time and the occupied range with buffers, and the price at that moment.</summary>
public sealed record BookingSlot(
    Guid ClinicId, Guid ServiceId, Guid ProviderId, Instant Start, Instant End, Instant OccupiedFrom, Instant OccupiedTo, decimal Price, string Currency)
{
    public static BookingSlot For(ServiceInfo service, Guid providerId, Instant start)
    {
        var end = start + Duration.FromMinutes(service.DurationMinutes);
        return new BookingSlot(service.ClinicId, service.Id, providerId, start, end,
            start - Duration.FromMinutes(service.BufferBeforeMinutes), end + Duration.FromMinutes(service.BufferAfterMinutes),
            service.Price, service.Currency);
    }
}
