using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>
/// Tells this node's <see cref="ClinicScheduleCache"/> when a SaveChanges wrote anything a clinic's schedule is made of,
/// and its <see cref="ClinicMembershipCache"/> when it wrote anything staff members' clinics are made of. One instance
/// serves every pooled context, so what a save is about to write is noted per context.
/// </summary>
public sealed class ClinicChangeInterceptor(ClinicScheduleCache schedules, ClinicMembershipCache memberships) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> ScheduleTypes =
        [typeof(Clinic), typeof(Service), typeof(ClinicStaffMember), typeof(ProviderService), typeof(WorkingHours), typeof(BlockedSlot)];

    private static readonly HashSet<Type> MembershipTypes = [typeof(Clinic), typeof(ClinicStaffMember), typeof(AgentClinicAccess)];

    private sealed record Pending(bool Schedule, bool Membership);

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

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
        if (context is null)
            return;
        bool schedule = false, membership = false;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
                continue;
            schedule |= ScheduleTypes.Contains(entry.Metadata.ClrType);
            membership |= MembershipTypes.Contains(entry.Metadata.ClrType);
        }
        if (schedule || membership)
            _pending.AddOrUpdate(context, new Pending(schedule, membership));
    }

    private void Flush(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
            return;
        _pending.Remove(context);
        if (pending.Schedule)
            schedules.LocalChangeSaved();
        if (pending.Membership)
            memberships.LocalChangeSaved();
    }
}
