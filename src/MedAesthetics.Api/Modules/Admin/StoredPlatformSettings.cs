using System.Diagnostics;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Admin;

/// <summary>
/// The settings every module reads, from the database row, cached per node. At most once per refresh interval
/// (Settings:RefreshMilliseconds, 1000) a node reads the row's version, a one-column primary-key lookup, and reloads the
/// document only when another node changed it. The first read of an empty database seeds the row from the
/// configured defaults (Platform__*). Calls that come while that version read is under way go on with the settings they
/// have instead of queueing behind it (as <see cref="VersionWatch"/> does): under load the read waits for a pooled
/// connection, and every request in flight would wait with it once a second.
/// </summary>
public sealed class StoredPlatformSettings(IServiceScopeFactory scopes, ConfiguredPlatformSettings defaults, IConfiguration configuration) : IPlatformSettings
{
    private readonly TimeSpan _refresh = TimeSpan.FromMilliseconds(configuration.GetValue("Settings:RefreshMilliseconds", 1000));
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(long Version, PlatformSettings Settings, long CheckedAt);

    public async ValueTask<PlatformSettings> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && Stopwatch.GetElapsedTime(snapshot.CheckedAt) < _refresh)
            return snapshot.Settings;

        if (snapshot is null)
            await _loading.WaitAsync(cancellationToken);
        else if (!_loading.Wait(0))
            return snapshot.Settings;   // another call is reading the version now
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && Stopwatch.GetElapsedTime(snapshot.CheckedAt) < _refresh)
                return snapshot.Settings;   // read by the call this one waited for
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var version = await db.Set<PlatformSettingsRow>().Where(r => r.Id == PlatformSettingsRow.SingletonId)
                .Select(r => (long?)r.Version).SingleOrDefaultAsync(cancellationToken);
            if (snapshot is not null && version == snapshot.Version)
            {
                _snapshot = snapshot with { CheckedAt = Stopwatch.GetTimestamp() };
                return snapshot.Settings;
            }
            var row = await LoadOrSeedAsync(db, scope.ServiceProvider.GetRequiredService<ChangeActor>(), cancellationToken);
            Accept(row.Version, row.Values);
            return row.Values;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>This node's own change is seen at once, without waiting for the next version check.</summary>
    public void Accept(long version, PlatformSettings settings) => _snapshot = new Snapshot(version, settings, Stopwatch.GetTimestamp());

    public async Task<PlatformSettingsRow> LoadOrSeedAsync(AppDbContext db, ChangeActor actor, CancellationToken cancellationToken)
    {
        var row = await db.Set<PlatformSettingsRow>().SingleOrDefaultAsync(r => r.Id == PlatformSettingsRow.SingletonId, cancellationToken);
        if (row is not null)
            return row;
        actor.ActAsSystem("settings-seed");
        row = PlatformSettingsRow.Seed(await defaults.GetAsync(cancellationToken));
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return row;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another node seeded it first.
            db.ChangeTracker.Clear();
            return await db.Set<PlatformSettingsRow>().SingleAsync(r => r.Id == PlatformSettingsRow.SingletonId, cancellationToken);
        }
    }
}
