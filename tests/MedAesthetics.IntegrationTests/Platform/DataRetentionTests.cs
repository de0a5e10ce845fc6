using MedAesthetics.Api.Modules.Crm;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.IntegrationTests.Crm;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Platform;

public sealed class DataRetentionTests(CrmApi api) : IClassFixture<CrmApi>
{
    [Fact]
    public async Task Soft_deleted_leads_and_delivered_events_are_purged_after_30_days_and_not_before()
    {
        var old = await api.LeadAsync(new { firstName = "Gone", email = CrmApi.UniqueEmail(), source = "website" });
        var recent = await api.LeadAsync(new { firstName = "Recent", email = CrmApi.UniqueEmail(), source = "website" });
        var kept = await api.LeadAsync(new { firstName = "Kept", email = CrmApi.UniqueEmail(), source = "website" });
        await api.DrainOutboxAsync();
        var now = api.Clock.GetCurrentInstant();
        await api.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE leads SET deleted_at = {now - Duration.FromDays(31)} WHERE id = {old.GetProperty("id").GetGuid()}"));
        await api.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE leads SET deleted_at = {now - Duration.FromDays(29)} WHERE id = {recent.GetProperty("id").GetGuid()}"));
        await api.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE outbox_messages SET processed_at = {now - Duration.FromDays(31)} WHERE processed_at IS NOT NULL"));

        await api.RunJobAsync<DataRetentionJob>();

        var remaining = await api.WithDbAsync(db => db.Set<Lead>().IgnoreQueryFilters().Select(l => l.Id).ToListAsync());
        Assert.DoesNotContain(old.GetProperty("id").GetGuid(), remaining);
        Assert.Contains(recent.GetProperty("id").GetGuid(), remaining);
        Assert.Contains(kept.GetProperty("id").GetGuid(), remaining);
        Assert.Equal(0, await api.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ProcessedAt != null)));
    }
}
