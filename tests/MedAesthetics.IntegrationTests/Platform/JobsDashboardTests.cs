using System.Net;
using Hangfire;
using Hangfire.Storage;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Hosting;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MedAesthetics.IntegrationTests.Platform;

public sealed class JobsDashboardTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] RecurringJobIds =
        ["outbox-sweep", "expire-holds", "send-reminders", "lead-follow-ups", "repeat-treatments", "points-expiry", "expiring-points-notices", "data-retention"];

    private Task RecurringJobsRegisteredAsync() =>
        api.Services.GetRequiredService<RecurringJobsRegistration>().Registered.WaitAsync(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task The_jobs_dashboard_answers_401_without_a_token()
    {
        var response = await api.CreateClient().GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(UserRole.Client)]
    [InlineData(UserRole.ClinicOwner)]
    [InlineData(UserRole.Salesperson)]
    public async Task The_jobs_dashboard_answers_403_to_anyone_but_an_admin(UserRole role)
    {
        var (_, token) = await api.SignedInAsync(role);

        var response = await api.Authorized(token).GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_jobs_dashboard_shows_the_recurring_jobs_to_an_admin()
    {
        var (_, token) = await api.SignedInAsync(UserRole.Admin);
        await RecurringJobsRegisteredAsync();

        var response = await api.Authorized(token).GetAsync("/jobs/recurring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        foreach (var job in RecurringJobIds)
            Assert.Contains(job, page);
    }

    [Fact]
    public async Task Every_modules_recurring_job_is_registered_in_the_background_at_start_with_its_schedule()
    {
        _ = api.CreateClient();   // starts the host

        await RecurringJobsRegisteredAsync();

        using var connection = api.Services.GetRequiredService<JobStorage>().GetConnection();
        var registered = connection.GetRecurringJobs().ToDictionary(job => job.Id, job => job.Cron);
        var expected = api.Services.GetServices<RecurringJobRegistration>().ToList();
        Assert.Subset(expected.Select(job => job.Id).ToHashSet(), RecurringJobIds.ToHashSet());
        foreach (var job in expected)
            Assert.Equal(job.Schedule, Assert.Contains(job.Id, registered));
        Assert.Equal("healthy", (await api.Services.GetRequiredService<Readiness>().RefreshAsync(CancellationToken.None)).Checks["recurringJobs"].Status);
    }

    [Fact]
    public async Task A_browser_can_open_the_dashboard_with_an_access_token_in_the_query_once()
    {
        var (_, token) = await api.SignedInAsync(UserRole.Admin);
        var client = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });

        var first = await client.GetAsync($"/jobs?access_token={token}");
        var next = await client.GetAsync("/jobs/recurring");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }
}
