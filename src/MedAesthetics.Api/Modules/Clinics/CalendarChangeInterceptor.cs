using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>
/// Tells this node's <see cref="ClinicScheduleCache"/> when a SaveChanges wrote anything a clinic's schedule is made of.
/// One instance serves every pooled context, so what a save is about to write is noted per context.
/// </summary>
public sealed class CalendarChangeInterceptor(ClinicScheduleCache cache) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> ScheduleTypes =
        [typeof(Clinic), typeof(Service), typeof(ClinicStaffMember), typeof(ProviderService), typeof(WorkingHours), typeof(BlockedSlot)];

    private static readonly object Pending = new();
    private readonly ConditionalWeakTable<DbContext, object> _pending = new();

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
        Flush(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && ScheduleTypes.Contains(e.Metadata.ClrType)))
            _pending.AddOrUpdate(context, Pending);
    }

    private void Flush(DbContext? context)
    {
        if (context is null || !_pending.Remove(context))
            return;
        cache.LocalChangeSaved();
    }
}
