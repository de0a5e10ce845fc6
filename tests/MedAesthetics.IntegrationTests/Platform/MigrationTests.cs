using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.IntegrationTests.Platform;

public sealed class MigrationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_EF_model_has_no_change_that_no_migration_captured()
    {
        var pending = await api.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.False(pending, "The EF model differs from the last migration's snapshot: add a migration (dotnet ef migrations add ...).");
    }
}
