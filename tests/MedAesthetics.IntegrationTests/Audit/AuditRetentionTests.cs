using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.IntegrationTests.Infrastructure;
using Npgsql;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Audit;

public sealed class AuditRetentionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task InsertAsync(Guid id, Instant at)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO audit_logs (id, occurred_at, actor, action, entity_type, entity_id, changes)
            VALUES (@id, @at, 'system:test', 'update', 'clinic', @id, '{}'::jsonb)
            """, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("at", at.ToDateTimeUtc());
        await command.ExecuteNonQueryAsync();
    }

    private async Task<bool> ExistsAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM audit_logs WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    [Fact]
    public async Task Audit_entries_are_purged_after_seven_years_and_not_before()
    {
        var now = api.Clock.GetCurrentInstant();
        var sevenYearsAgo = now.InUtc().LocalDateTime.PlusYears(-7).InUtc().ToInstant();
        var (old, young) = (Guid.NewGuid(), Guid.NewGuid());
        await InsertAsync(old, sevenYearsAgo - Duration.FromMinutes(1));
        await InsertAsync(young, sevenYearsAgo + Duration.FromMinutes(1));

        await api.RunJobAsync<DataRetentionJob>();

        Assert.False(await ExistsAsync(old));
        Assert.True(await ExistsAsync(young));
    }
}
