using System.Net;
using System.Text.Json;
using MedAesthetics.Api.Modules.Crm;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.IntegrationTests.Crm;

/// <summary>A database of its own: 12,000 leads named Common, 1,500 named Middle and 30 named Rare.</summary>
public sealed class LeadTotalsApi : ApiFactory
{
    public string AdminToken { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (_, AdminToken) = await this.SignedInAsync(UserRole.Admin);
        await WithDbAsync(async db =>
        {
            foreach (var (name, count) in new[] { ("Common", 12_000), ("Middle", 1_500), ("Rare", 30) })
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO leads (id, first_name, last_name, email, source, status, tags, status_changed_at, created_at, updated_at)
                    SELECT gen_random_uuid(), {name}, 'Person' || g, lower({name}) || g || '@example.test', 'website', 'new', ARRAY[]::text[],
                           now(), now() - g * interval '1 minute', now()
                    FROM generate_series(1, {count}) g
                    """);
            await db.Database.ExecuteSqlRawAsync("ANALYZE leads");
        });
    }
}

/// <summary>The capped <c>total</c> of GET /crm/leads (docs/api.md): exact up to 1,000, 1001 past it, counted only when needed.</summary>
public sealed class LeadListTotalTests(LeadTotalsApi api) : IClassFixture<LeadTotalsApi>
{
    private async Task<JsonElement> ListAsync(string query) =>
        await (await api.Authorized(api.AdminToken).GetAsync($"/crm/leads?{query}")).ExpectAsync(HttpStatusCode.OK);

    private static (int Items, int Total) Figures(JsonElement page) => (page.GetProperty("items").GetArrayLength(), page.GetProperty("total").GetInt32());

    private Task<double> EstimateAsync(string name) => api.WithDbAsync(db =>
        db.Set<Lead>().Where(l => EF.Functions.Like(l.SearchText, $"%{name}%")).EstimatedCountAsync(CancellationToken.None));

    [Fact]
    public async Task Thousands_of_matches_answer_1001_without_a_count_as_the_planner_expects_them()
    {
        Assert.Equal((50, LeadQueries.TotalCap + 1), Figures(await ListAsync("q=common&pageSize=50")));
        // The planner's estimate is what lets the list skip the count: far past the cap here, and well under it for Rare.
        Assert.InRange(await EstimateAsync("common"), LeadQueries.TotalCap * PagingExtensions.SurelyPastCapFactor, 20_000);
        Assert.InRange(await EstimateAsync("rare"), 1, 1_000);
    }

    [Fact]
    public async Task More_than_the_cap_but_fewer_than_the_estimate_threshold_are_counted_and_answer_1001()
    {
        Assert.InRange(await EstimateAsync("middle"), 1, LeadQueries.TotalCap * PagingExtensions.SurelyPastCapFactor - 1);
        Assert.Equal((20, LeadQueries.TotalCap + 1), Figures(await ListAsync("q=middle")));
    }

    private Task AddLeadsAsync(string name, int count) => api.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
        INSERT INTO leads (id, first_name, last_name, email, source, status, tags, status_changed_at, created_at, updated_at)
        SELECT gen_random_uuid(), {name}, 'Person' || g, lower({name}) || g || '.' || gen_random_uuid() || '@example.test', 'website', 'new',
               ARRAY[]::text[], now(), now() - g * interval '1 minute', now()
        FROM generate_series(1, {count}) g
        """));

    [Fact]
    public async Task A_more_than_the_cap_answer_is_remembered_for_the_same_search_and_an_exact_total_is_not()
    {
        await AddLeadsAsync("Fading", 1_200);
        Assert.Equal((20, LeadQueries.TotalCap + 1), Figures(await ListAsync("q=fading")));
        await api.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE leads SET deleted_at = now() WHERE first_name = 'Fading' AND id IN (SELECT id FROM leads WHERE first_name = 'Fading' LIMIT 700)"));
        // The same search within PastCapMemory.Keep is answered from memory; other filters are a search of their own.
        Assert.Equal((20, LeadQueries.TotalCap + 1), Figures(await ListAsync("q=fading")));
        Assert.Equal((20, 500), Figures(await ListAsync("q=fading&status=new")));

        await AddLeadsAsync("Growing", 30);
        Assert.Equal((10, 30), Figures(await ListAsync("q=growing&pageSize=10")));
        await AddLeadsAsync("Growing", 5);
        Assert.Equal((10, 35), Figures(await ListAsync("q=growing&pageSize=10")));
    }

    [Fact]
    public async Task A_remembered_answer_is_for_the_same_reach_only()
    {
        await AddLeadsAsync("Scoped", 1_200);
        var (ownerId, owner) = await api.SignedInAsync(UserRole.ClinicOwner);
        var clinic = await (await api.Authorized(api.AdminToken).PostJsonAsync("/clinics",
            new { name = "Scoped clinic", timezone = "Europe/Athens", ownerId, countryCode = "GR" })).ExpectAsync(HttpStatusCode.Created);
        var clinicId = clinic.GetProperty("id").GetGuid();
        await api.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE leads SET clinic_id = {clinicId} WHERE id IN (SELECT id FROM leads WHERE first_name = 'Scoped' LIMIT 30)"));

        // The admin's "more than 1,000" is remembered; the clinic's owner, asking the same search, reaches 30 of the leads.
        Assert.Equal((10, LeadQueries.TotalCap + 1), Figures(await ListAsync("q=scoped&pageSize=10")));
        var ownerPage = await (await api.Authorized(owner).GetAsync("/crm/leads?q=scoped&pageSize=10")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((10, 30), Figures(ownerPage));
        // Another page or order of the admin's search is the same search.
        await api.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE leads SET deleted_at = now() WHERE first_name = 'Scoped' AND clinic_id IS NULL"));
        Assert.Equal((10, LeadQueries.TotalCap + 1), Figures(await ListAsync("q=scoped&pageSize=10&page=2&sort=firstName")));
    }

    [Fact]
    public async Task Under_the_cap_a_full_page_gives_the_exact_total()
    {
        Assert.Equal((10, 30), Figures(await ListAsync("q=rare&pageSize=10")));
        Assert.Equal((10, 30), Figures(await ListAsync("q=rare&pageSize=10&page=2")));
    }

    [Fact]
    public async Task The_last_page_and_a_page_past_the_end_give_the_exact_total()
    {
        Assert.Equal((10, 30), Figures(await ListAsync("q=rare&pageSize=20&page=2")));
        Assert.Equal((0, 30), Figures(await ListAsync("q=rare&pageSize=20&page=5")));
        Assert.Equal((30, 30), Figures(await ListAsync("q=rare&pageSize=100")));
    }
}
