using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Outbox;
using NodaTime;

namespace MedAesthetics.Api.Contracts;

/// <summary>What every appointment event carries, so that CRM, Tasks, Loyalty and Notifications need not ask back.</summary>
public sealed record AppointmentFacts(
    Guid AppointmentId, Guid ClinicId, Guid ProviderId, Guid ClientId, Guid ServiceId,
    Instant Start, Instant End, decimal Price, string Currency, Guid? SeriesId);

public sealed record AppointmentBooked(AppointmentFacts Appointment, Guid BookedBy) : IIntegrationEvent;

public sealed record AppointmentRescheduled(AppointmentFacts Appointment, Instant PreviousStart, Instant PreviousEnd, Guid PreviousProviderId, Guid RescheduledBy) : IIntegrationEvent;

public sealed record AppointmentCancelled(AppointmentFacts Appointment, string? Reason, Guid CancelledBy, bool ByClient) : IIntegrationEvent;

public sealed record AppointmentCompleted(AppointmentFacts Appointment, decimal AmountPaid, string Currency, Instant CompletedAt, Guid CompletedBy) : IIntegrationEvent;

public sealed record AppointmentNoShow(AppointmentFacts Appointment, Guid MarkedBy) : IIntegrationEvent;

/// <summary>A reminder of an appointment fell due (reminderHours before its start); the Notifications module delivers it.</summary>
public sealed record AppointmentReminderDue(AppointmentFacts Appointment, int HoursBefore, Guid ReminderId) : IIntegrationEvent;

/// <summary>What other modules may ask the Booking module.</summary>
public interface IBookingDirectory
{
    /// <summary>Whether the client has a confirmed or completed appointment for the service starting after the instant.</summary>
    Task<bool> HasBookingAfterAsync(Guid clientId, Guid serviceId, Instant after, CancellationToken cancellationToken);

    /// <summary>The appointment when the scope may see it (Booking's own access rule), else null: another module's write checks a reference with it.</summary>
    Task<AppointmentFacts?> FindVisibleAsync(Guid appointmentId, AccessScope scope, CancellationToken cancellationToken);

    /// <summary>An appointment (not a hold), or null when there is none with the id.</summary>
    Task<AppointmentSummary?> FindAppointmentAsync(Guid appointmentId, CancellationToken cancellationToken);

    /// <summary>The clinics where the client has appointments (confirmed, completed, cancelled or no-show).</summary>
    Task<IReadOnlyList<Guid>> ClinicsOfClientAsync(Guid clientId, CancellationToken cancellationToken);
    /// <summary>Which of the users have (or had) a booked appointment at one of the clinics: the clients the clinics' staff may message.</summary>
    Task<IReadOnlySet<Guid>> ClientsWithAppointmentsAtAsync(IReadOnlyCollection<Guid> clinicIds, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);
}

/// <summary>An appointment as other modules see it; Status is the API's snake_case name (confirmed, completed...).</summary>
public sealed record AppointmentSummary(Guid Id, Guid? ClientId, Guid ClinicId, string Status, Instant Start);
