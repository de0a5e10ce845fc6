using System.Data;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.IntegrationTests.Platform;

/// <summary>A held connection stays open across queries (one backend, no reset between them) and closes when released.</summary>
public sealed class HeldConnectionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static async Task<int> BackendAsync(Api.Platform.Persistence.AppDbContext db) =>
        (await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").ToListAsync())[0];

    [Fact]
    public async Task Queries_made_while_the_connection_is_held_share_one_open_connection_that_closes_on_release()
    {
        var (first, second, openBetween, closedAfter, closedWithoutHold) = await api.WithDbAsync(async db =>
        {
            await BackendAsync(db);
            var closedWithoutHold = db.Database.GetDbConnection().State == ConnectionState.Closed;   // EF's default, per query
            int first, second;
            bool openBetween;
            await using (await db.Database.HoldConnectionAsync(CancellationToken.None))
            {
                first = await BackendAsync(db);
                openBetween = db.Database.GetDbConnection().State == ConnectionState.Open;
                second = await BackendAsync(db);
            }
            return (first, second, openBetween, db.Database.GetDbConnection().State == ConnectionState.Closed, closedWithoutHold);
        });

        Assert.True(closedWithoutHold);
        Assert.True(openBetween);
        Assert.Equal(first, second);
        Assert.True(closedAfter);
    }
}
