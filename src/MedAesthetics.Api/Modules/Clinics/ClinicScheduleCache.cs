using System.Collections.Concurrent;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MedAesthetics.Api.Modules.Clinics;

/// <summary>
/// Per-node cache of each clinic's <see cref="ClinicSchedule"/>, so an availability request costs one query (the busy
/// ranges) instead of six. Triggers on clinics, services, clinic_staff, provider_services, working_hours and
/// blocked_slots bump the one-row <c>calendar_versions</c> in the transaction of any change, however it is made; the
/// cache drops every schedule when that version moves (<see cref="VersionWatch"/>: read at most once per
/// Calendar:RefreshMilliseconds, 1000, and on every request after this node saved a change, see
/// <see cref="ClinicChangeInterceptor"/>).
/// </summary>
public sealed class ClinicScheduleCache(IServiceScopeFactory scopes, IConfiguration configuration)
{
    private readonly VersionWatch _version = new(scopes, "calendar_versions", TimeSpan.FromMilliseconds(configuration.GetValue("Calendar:RefreshMilliseconds", 1000)));
    private volatile Generation _generation = new(-1);

    private sealed record Generation(long Version)
    {
        public ConcurrentDictionary<Guid, Lazy<Task<ClinicSchedule?>>> Schedules { get; } = new();
    }

    /// <summary>Called after this node saved a change to a clinic's calendar.</summary>
    public void LocalChangeSaved() => _version.LocalChangeSaved();

    /// <summary>The schedule as of the calendar version last read (at most Calendar:RefreshMilliseconds ago).</summary>
    public async Task<ClinicSchedule?> GetAsync(Guid clinicId, CancellationToken cancellationToken) =>
        (await GetWithVersionAsync(clinicId, cancellationToken)).Schedule;

    /// <summary>The schedule as of the calendar version last read, with that version.</summary>
    public async Task<(ClinicSchedule? Schedule, long Version)> GetWithVersionAsync(Guid clinicId, CancellationToken cancellationToken)
    {
        var version = await _version.VersionAsync(cancellationToken);
        return (await GetAsync(clinicId, version, cancellationToken), version);
    }

    /// <summary>The statement that reads the calendar version (one primary-key lookup, no parameters).</summary>
    public string VersionSql => _version.Sql;

    /// <summary>
    /// The schedule as of the calendar version read now on <paramref name="database"/> (one primary-key lookup on the
    /// caller's connection) instead of the last one read within the refresh interval: for reads that decide a write
    /// (booking rules), so another node's change is never missed.
    /// </summary>
    public async Task<ClinicSchedule?> CurrentAsync(Guid clinicId, DatabaseFacade database, CancellationToken cancellationToken) =>
        await GetAsync(clinicId, await _version.CurrentAsync(database, cancellationToken), cancellationToken);

    private async Task<ClinicSchedule?> GetAsync(Guid clinicId, long version, CancellationToken cancellationToken)
    {
        var generation = _generation;
        if (generation.Version != version)
            _generation = generation = new Generation(version);
        var entry = generation.Schedules.GetOrAdd(clinicId, id => new Lazy<Task<ClinicSchedule?>>(() => LoadAsync(id)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch when (entry.Value.IsFaulted)
        {
            generation.Schedules.TryRemove(new KeyValuePair<Guid, Lazy<Task<ClinicSchedule?>>>(clinicId, entry));
            throw;
        }
    }

    private async Task<ClinicSchedule?> LoadAsync(Guid clinicId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clinic = await db.Set<Clinic>().AsNoTracking().Where(c => c.Id == clinicId)
            .Select(c => new ClinicInfo(c.Id, c.Name, c.Timezone, c.CountryCode, c.OwnerId))
            .SingleOrDefaultAsync();
        if (clinic is null)
            return null;
        var services = await db.Set<Service>().AsNoTracking().Where(s => s.ClinicId == clinicId)
            .ToDictionaryAsync(s => s.Id, s => new ServiceInfo(s.Id, s.ClinicId, s.Name, s.DurationMinutes, s.Price, s.Currency,
                s.BufferBeforeMinutes, s.BufferAfterMinutes, s.LoyaltyPoints, s.RepeatAfterDays));
        var doctors = await db.Set<ClinicStaffMember>().AsNoTracking().Where(s => s.ClinicId == clinicId && s.Role == UserRole.Doctor)
            .Select(s => s.UserId).OrderBy(d => d).ToListAsync();
        var specialised = await db.Set<ProviderService>().AsNoTracking().Where(p => p.ClinicId == clinicId)
            .Select(p => new { p.ProviderId, p.ServiceId }).ToListAsync();
        var hours = await db.Set<WorkingHours>().AsNoTracking().Where(w => w.ClinicId == clinicId)
            .Select(w => new WorkingHoursEntry(w.ProviderId, w.DayOfWeek, w.StartTime, w.EndTime))
            .ToListAsync();
        var blocked = await db.Set<BlockedSlot>().AsNoTracking().Where(b => b.ClinicId == clinicId)
            .Select(b => new BlockedTime(b.ProviderId, b.Start, b.End))
            .ToListAsync();
        return new ClinicSchedule(clinic, services, doctors, specialised.ToLookup(p => p.ProviderId, p => p.ServiceId), hours, blocked);
    }
}
