using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>Tells this node's <see cref="ClinicScheduleCache"/> when a SaveChanges wrote anything a clinic's schedule is made of.</summary>
public sealed class CalendarChangeInterceptor(ClinicScheduleCache cache) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> ScheduleTypes =
        [typeof(Clinic), typeof(Service), typeof(ClinicStaffMember), typeof(ProviderService), typeof(WorkingHours), typeof(BlockedSlot)];

    private bool _pending;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush();
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush();
        return base.SavedChanges(eventData, result);
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && ScheduleTypes.Contains(e.Metadata.ClrType)))
            _pending = true;
    }

    private void Flush()
    {
        if (!_pending)
            return;
        _pending = false;
        cache.LocalChangeSaved();
    }
}
