using FluentValidation;
using Hangfire;
using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// Fetches recorded leadgen ids from the Graph API and takes them in as leads (dedupe, assignment, events: the usual
/// intake, with the leadgen id as the lead's external id, so a second take-in finds the first lead). Each record is
/// claimed with FOR UPDATE SKIP LOCKED and leased while it is fetched, so two nodes never fetch one together; a failure
/// that may pass is tried again after a growing wait (<see cref="FacebookLeadgen.RetryLater"/>), scheduled in Hangfire and
/// recorded on the row; the recurring sweep takes whatever no scheduled job did (a crash, a lost enqueue).
/// </summary>
public sealed class FacebookLeadgenJob(
    AppDbContext db, FacebookSettings settings, FacebookGraph graph, FacebookAttribution attribution, LeadIntake intake,
    IValidator<CreateLeadRequest> validator, IBackgroundJobClient jobs, IClock clock, ILogger<FacebookLeadgenJob> logger) : IRecurringJob
{
    public static string Id => "facebook-leadgens";
    public static string Schedule => Cron.Minutely();
    private const int SweepBatch = 100;

    public static void Enqueue(IBackgroundJobClient jobs, Guid recordId, Instant notBefore, Instant now)
    {
        if (notBefore <= now)
            jobs.Enqueue<FacebookLeadgenJob>(job => job.FetchAsync(recordId, CancellationToken.None));
        else
            jobs.Schedule<FacebookLeadgenJob>(job => job.FetchAsync(recordId, CancellationToken.None), notBefore.ToDateTimeOffset());
    }

    /// <summary>Fetches every leadgen that is due; returns how many were attempted.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        return await DueSweep.RunAsync(() =>
        {
            var now = clock.GetCurrentInstant();
            return db.Set<FacebookLeadgen>().AsNoTracking()
                .Where(l => l.Status == LeadgenStatus.Pending && l.NextAttemptAt <= now)
                .OrderBy(l => l.NextAttemptAt).Select(l => l.Id).Take(SweepBatch).ToListAsync(cancellationToken);
        }, id => FetchAsync(id, cancellationToken));
    }

    /// <returns>Whether this call made an attempt (false when the record is not due, done, or being fetched elsewhere).</returns>
    [AutomaticRetry(Attempts = 0)]
    public async Task<bool> FetchAsync(Guid recordId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetCurrentInstant();
        FacebookLeadgen? leadgen;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            leadgen = await db.Set<FacebookLeadgen>()
                .FromSql($"""
                    SELECT * FROM facebook_leadgens
                    WHERE id = {recordId} AND status = 'pending' AND next_attempt_at <= {now}
                    FOR UPDATE SKIP LOCKED
                    """)
                .SingleOrDefaultAsync(cancellationToken);
            if (leadgen is null)
                return false;
            leadgen.Claim(now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (settings.PageAccessToken is null)
        {
            leadgen.MarkSkipped("FACEBOOK_PAGE_ACCESS_TOKEN is not configured: the lead's fields cannot be fetched from the Graph API.", now);
        }
        else
        {
            var result = await graph.FetchLeadAsync(leadgen.LeadgenId, cancellationToken);
            now = clock.GetCurrentInstant();
            if (result.Lead is { } lead)
                await TakeInAsync(leadgen, lead, now, cancellationToken);
            else if (result.Retryable)
                leadgen.RetryLater(result.Problem!, now);
            else
                leadgen.MarkFailed(result.Problem!, now);
        }
        await db.SaveChangesAsync(cancellationToken);

        if (leadgen.Status != LeadgenStatus.TakenIn)
            logger.LogWarning("Facebook leadgen {LeadgenId} (try {Attempt}) is {Status}: {Reason}",
                leadgen.LeadgenId, leadgen.Attempts, EnumColumns.ToText(leadgen.Status), leadgen.Reason);
        if (leadgen.Status == LeadgenStatus.Pending)
        {
            try
            {
                Enqueue(jobs, leadgen.Id, leadgen.NextAttemptAt, now);
            }
            catch (BackgroundJobClientException e)
            {
                // The retry is recorded on the row; the recurring sweep fetches it when it is due.
                logger.LogWarning(e, "Could not schedule the next fetch of leadgen {LeadgenId}; the sweep will take it", leadgen.LeadgenId);
            }
        }
        return true;
    }

    /// <summary>The usual intake; a refusal is recorded by field name only, so the record keeps no personal data.</summary>
    private async Task TakeInAsync(FacebookLeadgen leadgen, LeadWebhooks.FacebookLead lead, Instant now, CancellationToken ct)
    {
        var (campaignId, clinicId) = await attribution.ResolveAsync(lead.AdId ?? leadgen.AdId, lead.FormId ?? leadgen.FormId, leadgen.CampaignId, leadgen.ClinicId, ct);
        var request = LeadWebhooks.ToRequest(lead, clinicId, campaignId);
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            leadgen.MarkFailed($"the lead is not acceptable: {string.Join(", ", validation.Errors.Select(e => e.PropertyName).Distinct())}", now);
            return;
        }
        var outcome = await intake.TakeInAsync(request, null, leadgen.LeadgenId, ct);
        if (outcome.Succeeded)
            leadgen.MarkTakenIn(outcome.Value!.Lead.Id, now);
        else
            leadgen.MarkFailed($"the lead was refused: {string.Join(", ", outcome.Error!.FieldErrors?.Keys ?? [EnumColumns.ToText(outcome.Error.Kind)])}", now);
    }
}
