using MedAesthetics.Api.Modules.Booking;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.IntegrationTests.Booking;

/// <summary>
/// A client's live-hold count runs on every hold it asks for, in a prepared batch: PostgreSQL may plan it once for any
/// values (a generic plan) and keep that plan while the table grows, or plan it for its values with statistics gathered
/// before the holds went live. Either way it must read only the caller's holds (<see cref="BookingService.LiveHoldCountSql"/>).
/// </summary>
public sealed class HoldStatementPlanTests(BookingApi api) : IClassFixture<BookingApi>
{
    [Theory]
    [InlineData("force_generic_plan")]
    [InlineData("force_custom_plan")]
    public async Task The_live_hold_count_reads_only_the_callers_holds_after_others_went_live(string planCacheMode)
    {
        var world = await BookingWorld.CreateAsync(api);
        var plan = await api.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            // Statistics taken while no hold was live (every index of live holds then costs alike): thousands of past
            // holds, expired, all made by one member of staff.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO appointments (id, clinic_id, service_id, provider_id, client_id, status, start, "end", occupied_from,
                    occupied_to, hold_expires_at, price, currency, created_by, created_at, updated_at)
                SELECT gen_random_uuid(), {world.ClinicId}, {world.ShortServiceId}, {world.DoctorId}, NULL, 'expired',
                       t, t + interval '30 minutes', t, t + interval '30 minutes', t, 50, 'EUR', {world.DoctorId}, now(), now()
                FROM generate_series(now() - interval '5000 hours', now() - interval '1 hour', interval '1 hour') AS t
                """);
            await db.Database.ExecuteSqlRawAsync("ANALYZE appointments");
            await db.Database.ExecuteSqlRawAsync(planCacheMode == "force_generic_plan"
                ? "SET LOCAL plan_cache_mode = force_generic_plan"
                : "SET LOCAL plan_cache_mode = force_custom_plan");
            await db.Database.ExecuteSqlRawAsync($"PREPARE live_hold_count(uuid, timestamptz) AS {BookingService.LiveHoldCountSql}");
            var caller = Guid.NewGuid();
            var execute = $"EXECUTE live_hold_count('{caller}', now())";
            var explain = $"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE live_hold_count('{caller}', now())";
            await db.Database.ExecuteSqlRawAsync(execute);
            // Then 2,000 live holds of another client (one an hour for one doctor), with no new statistics.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO appointments (id, clinic_id, service_id, provider_id, client_id, status, start, "end", occupied_from,
                    occupied_to, hold_expires_at, price, currency, created_by, created_at, updated_at)
                SELECT gen_random_uuid(), {world.ClinicId}, {world.ShortServiceId}, {world.DoctorId}, NULL, 'held',
                       t, t + interval '30 minutes', t, t + interval '30 minutes', now() + interval '10 minutes', 50, 'EUR',
                       {Guid.NewGuid()}, now(), now()
                FROM generate_series(now() + interval '400 days', now() + interval '400 days' + interval '1999 hours', interval '1 hour') AS t
                """);
            var lines = await db.Database.SqlQueryRaw<string>(explain).ToListAsync();
            await transaction.RollbackAsync();
            return string.Join("\n", lines);
        });

        Assert.True(plan.Contains("ix_appointments_created_by_hold_expires_at", StringComparison.Ordinal)
            && !plan.Contains("Rows Removed by Filter", StringComparison.Ordinal), plan);
    }
}
