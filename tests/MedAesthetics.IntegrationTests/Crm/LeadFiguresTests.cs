using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Modules.Crm;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace MedAesthetics.IntegrationTests.Crm;

/// <summary>
/// Reports read lead counts from figures kept by a trigger on <c>leads</c> (changes, then hourly and daily aggregates
/// after the compaction job). Whatever happens to the leads, and whether or not the job has run, the report's lead,
/// campaign and salesperson counts must equal a direct count of the leads, also in a zone whose days start on a half hour.
/// </summary>
public sealed class LeadFiguresTests(CrmApi api) : IClassFixture<CrmApi>
{
    private sealed record Expected(Dictionary<string, long> BySource, Dictionary<string, long> ByStatus, Dictionary<Guid, (long Leads, long Converted)> Campaigns,
        Dictionary<Guid, (long Handled, long Converted)> Salespeople);

    private sealed class SourceStatusRow
    {
        public string Source { get; init; } = "";
        public string Status { get; init; } = "";
        public long Count { get; init; }
    }

    private sealed class KeyRow
    {
        public Guid Key { get; init; }
        public long Count { get; init; }
        public long Converted { get; init; }
    }

    /// <summary>The report's figures computed straight from <c>leads</c>, the way the report defines them.</summary>
    private Task<Expected> CountDirectlyAsync(Instant from, Instant to, Guid clinicId) => api.WithDbAsync(async db =>
    {
        var bySourceStatus = await db.Database.SqlQuery<SourceStatusRow>($"""
            SELECT source AS "Source", status AS "Status", count(*) AS "Count" FROM leads
            WHERE deleted_at IS NULL AND created_at >= {from} AND created_at < {to} AND clinic_id = {clinicId} GROUP BY source, status
            """).ToListAsync();
        var campaigns = await db.Database.SqlQuery<KeyRow>($"""
            SELECT campaign_id AS "Key", count(*) AS "Count", count(*) FILTER (WHERE status = 'converted') AS "Converted" FROM leads
            WHERE deleted_at IS NULL AND duplicate_of_id IS NULL AND campaign_id IS NOT NULL AND created_at >= {from} AND created_at < {to}
            GROUP BY campaign_id
            """).ToListAsync();
        var salespeople = await db.Database.SqlQuery<KeyRow>($"""
            SELECT assigned_to_id AS "Key", count(*) AS "Count", count(*) FILTER (WHERE status = 'converted') AS "Converted" FROM leads
            WHERE deleted_at IS NULL AND assigned_to_id IS NOT NULL AND created_at >= {from} AND created_at < {to} AND clinic_id = {clinicId}
            GROUP BY assigned_to_id
            """).ToListAsync();
        return new Expected(
            bySourceStatus.GroupBy(r => r.Source).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)),
            bySourceStatus.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)),
            campaigns.ToDictionary(r => r.Key, r => (r.Count, r.Converted)),
            salespeople.ToDictionary(r => r.Key, r => (r.Count, r.Converted)));
    });

    private async Task AssertReportMatchesAsync(string adminToken, Guid clinicId, LocalDate fromDate, LocalDate toDate, DateTimeZone zone, string because)
    {
        var report = await (await api.Authorized(adminToken).GetAsync($"/admin/reports?from={fromDate:yyyy-MM-dd}&to={toDate:yyyy-MM-dd}&clinicId={clinicId}"))
            .ExpectAsync(HttpStatusCode.OK);
        var expected = await CountDirectlyAsync(fromDate.AtStartOfDayInZone(zone).ToInstant(), toDate.PlusDays(1).AtStartOfDayInZone(zone).ToInstant(), clinicId);

        var leads = report.GetProperty("leads");
        Assert.True(expected.BySource.Values.Sum() == leads.GetProperty("total").GetInt64(), $"total, {because}");
        foreach (var source in leads.GetProperty("bySource").EnumerateObject())
            Assert.True(expected.BySource.GetValueOrDefault(source.Name) == source.Value.GetInt64(), $"bySource.{source.Name}, {because}");
        foreach (var status in leads.GetProperty("byStatus").EnumerateObject())
            Assert.True(expected.ByStatus.GetValueOrDefault(status.Name) == status.Value.GetInt64(), $"byStatus.{status.Name}, {because}");
        foreach (var campaign in report.GetProperty("campaigns").EnumerateArray())
        {
            var want = expected.Campaigns.GetValueOrDefault(campaign.GetProperty("campaignId").GetGuid());
            Assert.True(want == (campaign.GetProperty("leads").GetInt64(), campaign.GetProperty("convertedLeads").GetInt64()), $"campaign, {because}");
        }
        var salespeople = report.GetProperty("salespeople").EnumerateArray()
            .ToDictionary(s => s.GetProperty("salespersonId").GetGuid(), s => (s.GetProperty("leadsHandled").GetInt64(), s.GetProperty("converted").GetInt64()));
        Assert.True(expected.Salespeople.OrderBy(p => p.Key).SequenceEqual(salespeople.OrderBy(p => p.Key)), $"salespeople, {because}");
    }

    [Fact]
    public async Task Report_counts_equal_a_direct_count_of_the_leads_whatever_changed_and_whether_or_not_the_figures_were_compacted()
    {
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var clinicId = await api.NewClinicAsync(admin);
        var (anna, _) = await api.StaffAsync(UserRole.Salesperson);
        var (bob, _) = await api.StaffAsync(UserRole.Salesperson);
        await api.GrantAsync(admin, anna, clinicId);
        await api.GrantAsync(admin, bob, clinicId);
        var campaignId = (await (await api.Authorized(admin).PostJsonAsync("/crm/campaigns", new { name = "Figures", channel = "facebook", clinicId }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var zone = DateTimeZoneProviders.Tzdb["Europe/Athens"];

        // Leads over five days, at hours on both sides of Athens midnight (22:00 UTC in winter), some repeating a contact.
        var sources = new[] { "facebook", "instagram", "google", "website" };
        var created = new List<Guid>();
        var emails = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            api.Clock.Reset(Instant.FromUtc(2026, 3, 1 + i % 5, new[] { 0, 7, 12, 21, 22, 23 }[i % 6], 10 + i));
            var email = i % 7 == 6 ? emails[0] : CrmApi.UniqueEmail();
            emails.Add(email);
            var lead = await api.LeadAsync(new { firstName = $"Figure{i}", email, source = sources[i % 4], clinicId, campaignId = i % 3 == 0 ? campaignId : (Guid?)null });
            created.Add(lead.GetProperty("id").GetGuid());
        }
        var (from, to) = (new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 4));
        await AssertReportMatchesAsync(admin, clinicId, from, to, zone, "straight after intake, nothing compacted");

        Assert.True(await api.RunJobAsync<LeadFiguresJob>() > 0);
        await AssertReportMatchesAsync(admin, clinicId, from, to, zone, "after compaction");

        // Changes after compaction: statuses, a reassignment, a move to another clinic, a soft delete.
        var client = api.Authorized(admin);
        foreach (var id in created.Take(6))
            await (await client.PatchJsonAsync($"/crm/leads/{id}", new { status = "contacted" })).ExpectAsync(HttpStatusCode.OK);
        foreach (var status in new[] { "qualified", "booked", "converted" })
            await (await client.PatchJsonAsync($"/crm/leads/{created[0]}", new { status })).ExpectAsync(HttpStatusCode.OK);
        await (await client.PatchJsonAsync($"/crm/leads/{created[3]}", new { status = "lost" })).ExpectAsync(HttpStatusCode.OK);
        await (await client.PatchJsonAsync($"/crm/leads/{created[7]}", new { assignedToId = bob })).ExpectAsync(HttpStatusCode.OK);
        await (await client.PatchJsonAsync($"/crm/leads/{created[8]}", new { assignedToId = anna })).ExpectAsync(HttpStatusCode.OK);
        var otherClinic = await api.NewClinicAsync(admin);
        await (await client.PatchJsonAsync($"/crm/leads/{created[9]}", new { clinicId = otherClinic })).ExpectAsync(HttpStatusCode.OK);
        await api.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE leads SET deleted_at = now() WHERE id = {created[10]}"));
        await AssertReportMatchesAsync(admin, clinicId, from, to, zone, "after changes, not compacted");

        await api.RunJobAsync<LeadFiguresJob>();
        await AssertReportMatchesAsync(admin, clinicId, from, to, zone, "after changes, compacted");
        await AssertReportMatchesAsync(admin, clinicId, new LocalDate(2026, 3, 2), new LocalDate(2026, 3, 2), zone, "one day");

        // Nothing left behind by a second run, and a hard delete is counted out too.
        Assert.Equal(0, await api.RunJobAsync<LeadFiguresJob>());
        await api.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM leads WHERE id = {created[11]}"));
        await AssertReportMatchesAsync(admin, clinicId, from, to, zone, "after a hard delete");
    }

    [Fact]
    public async Task A_period_of_several_weeks_reads_its_whole_weeks_from_the_weekly_figures_and_still_equals_a_direct_count()
    {
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var clinicId = await api.NewClinicAsync(admin);
        var (anna, _) = await api.StaffAsync(UserRole.Salesperson);
        await api.GrantAsync(admin, anna, clinicId);
        var zone = DateTimeZoneProviders.Tzdb["Europe/Athens"];

        // Leads from Wednesday 1 April to Tuesday 28 April 2026, some on either side of Athens midnight (21:00 UTC in summer).
        var sources = new[] { "facebook", "instagram", "google", "website", "referral" };
        var created = new List<Guid>();
        for (var i = 0; i < 28; i++)
        {
            api.Clock.Reset(Instant.FromUtc(2026, 4, 1 + i, new[] { 6, 20, 21, 23 }[i % 4], 5 + i));
            var lead = await api.LeadAsync(new { firstName = $"Weekly{i}", email = CrmApi.UniqueEmail(), source = sources[i % 5], clinicId });
            created.Add(lead.GetProperty("id").GetGuid());
        }
        // Thursday 2 to Sunday 26 April in Athens: the UTC weeks of 6 and 13 April whole, the days around them not.
        var (from, to) = (new LocalDate(2026, 4, 2), new LocalDate(2026, 4, 26));
        var slices = LeadFigureSlices.For(from.AtStartOfDayInZone(zone).ToInstant(), to.PlusDays(1).AtStartOfDayInZone(zone).ToInstant());
        Assert.Equal((new LocalDate(2026, 4, 6), new LocalDate(2026, 4, 20)), (slices.WeeksFromDate, slices.WeeksToDate));

        await AssertReportMatchesAsync(admin, clinicId, from, to, zone, "weeks, nothing compacted");
        await api.RunJobAsync<LeadFiguresJob>();
        var weeklyRows = await api.WithDbAsync(db => db.Database.SqlQuery<long>(
            $"""SELECT count(*) AS "Value" FROM lead_weekly_figures WHERE clinic_id = {clinicId} AND week IN ('2026-04-06', '2026-04-13')""").SingleAsync());
        Assert.True(weeklyRows > 0, "the compaction fills the weekly figures");
        await AssertReportMatchesAsync(admin, clinicId, from, to, zone, "weeks, compacted");

        // Old leads of the whole weeks change after compaction: statuses, a reassignment, a soft and a hard delete.
        var client = api.Authorized(admin);
        foreach (var id in created.Skip(6).Take(8))
            await (await client.PatchJsonAsync($"/crm/leads/{id}", new { status = "contacted" })).ExpectAsync(HttpStatusCode.OK);
        await (await client.PatchJsonAsync($"/crm/leads/{created[7]}", new { assignedToId = anna })).ExpectAsync(HttpStatusCode.OK);
        await api.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE leads SET deleted_at = now() WHERE id = {created[9]}"));
        await api.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM leads WHERE id = {created[12]}"));
        await AssertReportMatchesAsync(admin, clinicId, from, to, zone, "weeks, after changes, not compacted");
        await api.RunJobAsync<LeadFiguresJob>();
        await AssertReportMatchesAsync(admin, clinicId, from, to, zone, "weeks, after changes, compacted");
        await AssertReportMatchesAsync(admin, clinicId, new LocalDate(2026, 4, 6), new LocalDate(2026, 4, 12), zone, "one local week");
    }

    [Fact]
    public async Task The_report_statements_of_a_whole_hour_period_are_prepared_on_their_connection_and_a_half_hour_periods_are_not()
    {
        // Prepared statements live on one connection (PostgreSQL session): hold it for the figures and the check.
        static async Task<List<string>> PreparedAfterAsync(IServiceProvider services, MedAesthetics.Api.Contracts.ReportPeriod period)
        {
            var db = services.GetRequiredService<MedAesthetics.Api.Platform.Persistence.AppDbContext>();
            await db.Database.OpenConnectionAsync();
            try
            {
                var figures = services.GetRequiredService<MedAesthetics.Api.Contracts.ICrmFigures>();
                await figures.LeadsAsync(period, CancellationToken.None);
                await figures.CampaignsAsync(period, CancellationToken.None);
                await figures.SalespeopleAsync(period, CancellationToken.None);
                return await db.Database.SqlQuery<string>($"""SELECT statement AS "Value" FROM pg_prepared_statements WHERE statement LIKE '%lead_weekly_figures%'""")
                    .ToListAsync();
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        var athens = DateTimeZoneProviders.Tzdb["Europe/Athens"];
        var (from, to) = (new LocalDate(2026, 4, 2).AtStartOfDayInZone(athens).ToInstant(), new LocalDate(2026, 4, 27).AtStartOfDayInZone(athens).ToInstant());
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var prepared = await PreparedAfterAsync(scope.ServiceProvider, new MedAesthetics.Api.Contracts.ReportPeriod(from, to, new LocalDate(2026, 4, 2), new LocalDate(2026, 4, 26), null));
            Assert.Equal(3, prepared.Count);
            Assert.All(prepared, sql => Assert.DoesNotContain(") edge", sql));   // the versions without the edge branch
        }

        // Kolkata's midnight is on a half hour: the edge minutes are read from leads, and those statements are planned each time.
        var kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];
        var (kFrom, kTo) = (new LocalDate(2026, 4, 2).AtStartOfDayInZone(kolkata).ToInstant(), new LocalDate(2026, 4, 27).AtStartOfDayInZone(kolkata).ToInstant());
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var prepared = await PreparedAfterAsync(scope.ServiceProvider, new MedAesthetics.Api.Contracts.ReportPeriod(kFrom, kTo, new LocalDate(2026, 4, 2), new LocalDate(2026, 4, 26), null));
            Assert.DoesNotContain(prepared, sql => sql.Contains(") edge"));
        }
    }

    [Fact]
    public async Task In_a_zone_whose_day_starts_on_a_half_hour_a_report_day_takes_exactly_the_leads_of_that_local_day()
    {
        var (_, admin) = await api.StaffAsync(UserRole.Admin);
        var clinicId = await api.NewClinicAsync(admin);
        await (await api.Authorized(admin).PatchJsonAsync("/admin/settings", new { defaultTimezone = "Asia/Kolkata" })).ExpectAsync(HttpStatusCode.OK);
        try
        {
            // 2026-03-10 in Kolkata (UTC+05:30) is 2026-03-09T18:30Z to 2026-03-10T18:30Z.
            var times = new[]
            {
                Instant.FromUtc(2026, 3, 9, 18, 20), Instant.FromUtc(2026, 3, 9, 18, 40), Instant.FromUtc(2026, 3, 10, 3, 0),
                Instant.FromUtc(2026, 3, 10, 18, 29), Instant.FromUtc(2026, 3, 10, 18, 31),
            };
            foreach (var time in times)
            {
                api.Clock.Reset(time);
                await api.LeadAsync(new { firstName = "Kolkata", email = CrmApi.UniqueEmail(), source = "website", clinicId });
            }
            var day = new LocalDate(2026, 3, 10);
            var zone = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];

            async Task<long> TotalAsync() => (await (await api.Authorized(admin).GetAsync($"/admin/reports?from=2026-03-10&to=2026-03-10&clinicId={clinicId}"))
                .ExpectAsync(HttpStatusCode.OK)).GetProperty("leads").GetProperty("total").GetInt64();

            Assert.Equal(3, await TotalAsync());
            await api.RunJobAsync<LeadFiguresJob>();
            Assert.Equal(3, await TotalAsync());
            await AssertReportMatchesAsync(admin, clinicId, day, day, zone, "Kolkata, compacted");
        }
        finally
        {
            await (await api.Authorized(admin).PatchJsonAsync("/admin/settings", new { defaultTimezone = "Europe/Athens" })).ExpectAsync(HttpStatusCode.OK);
        }
    }
}
