using System.Linq.Expressions;
using MedAesthetics.Api.Platform.Auth;

namespace MedAesthetics.Api.Modules.Booking;

/// <summary>
/// Which appointments (not holds) a caller may know about, written once for SQL filters and loaded rows alike:
/// the admin all; staff those of the clinics they reach; a client its own.
/// </summary>
public static class AppointmentAccess
{
    public static Expression<Func<Appointment, bool>> VisibleTo(AccessScope scope)
    {
        if (scope.IsAdmin)
            return a => a.Status != AppointmentStatus.Held && a.Status != AppointmentStatus.Expired;
        if (scope.Caller.IsStaff)
        {
            var clinics = scope.ReachableClinics!.ToList();
            return a => a.Status != AppointmentStatus.Held && a.Status != AppointmentStatus.Expired && clinics.Contains(a.ClinicId);
        }
        var me = scope.Caller.UserId;
        return a => a.Status != AppointmentStatus.Held && a.Status != AppointmentStatus.Expired && a.ClientId == me;
    }

    public static bool CanSee(this AccessScope scope, Appointment appointment) => VisibleTo(scope).Compile()(appointment);

    /// <summary>Holds: staff of a clinic they reach, or the user who made it.</summary>
    public static bool CanSeeHold(this AccessScope scope, Appointment hold) =>
        scope.Caller.IsStaff ? scope.CanReachClinic(hold.ClinicId) : hold.CreatedBy == scope.Caller.UserId;
}
