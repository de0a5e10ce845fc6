using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

public enum LeadgenStatus
{
    /// <summary>Waiting for its (next) fetch from the Graph API.</summary>
    Pending,
    /// <summary>Fetched and taken in as a lead (or found to be one already).</summary>
    TakenIn,
    /// <summary>Given up on: the Graph API refused it, it kept failing, or the lead it carried was not acceptable.</summary>
    Failed,
    /// <summary>Not fetched because nothing could fetch it (no page access token).</summary>
    Skipped,
}

/// <summary>
/// One leadgen_id Facebook delivered without its fields, recorded in the same transaction that acknowledges the delivery
/// (unique by leadgen_id, so a redelivery adds nothing). It holds ids only: the person's fields go into the lead. The
/// fetch job claims it, counts the attempt, and records the outcome or the next attempt's time.
/// </summary>
public sealed class FacebookLeadgen : Entity
{
    public const int MaxAttempts = 6;
    /// <summary>How long a claimed fetch may take before the sweep may claim the record again (a crashed node).</summary>
    public static readonly Duration ClaimLease = Duration.FromMinutes(5);
    private static readonly Duration[] Backoff =
        [Duration.FromMinutes(1), Duration.FromMinutes(5), Duration.FromMinutes(30), Duration.FromHours(2), Duration.FromHours(6)];

    private FacebookLeadgen() { }

    public string LeadgenId { get; private set; } = "";
    public string? PageId { get; private set; }
    public string? FormId { get; private set; }
    public string? AdId { get; private set; }
    public string? AdgroupId { get; private set; }
    /// <summary>Facebook's created_time of the lead.</summary>
    public Instant? SubmittedAt { get; private set; }
    /// <summary>The clinic and campaign named by the webhook URL (?clinicId=&amp;campaignId=), if any.</summary>
    public Guid? ClinicId { get; private set; }
    public Guid? CampaignId { get; private set; }
    public LeadgenStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public Instant NextAttemptAt { get; private set; }
    public string? Reason { get; private set; }
    public Guid? LeadId { get; private set; }
    public Instant? CompletedAt { get; private set; }

    public static FacebookLeadgen Receive(LeadWebhooks.LeadgenNotice notice, Guid? clinicId, Guid? campaignId, Instant now) => new()
    {
        LeadgenId = notice.LeadgenId, PageId = notice.PageId, FormId = notice.FormId, AdId = notice.AdId, AdgroupId = notice.AdgroupId,
        SubmittedAt = notice.CreatedTime is { } seconds ? Instant.FromUnixTimeSeconds(seconds) : null,
        ClinicId = clinicId, CampaignId = campaignId, Status = LeadgenStatus.Pending, NextAttemptAt = now,
    };

    /// <summary>Counts the attempt and holds the record for the lease, so that no other node fetches it meanwhile.</summary>
    public void Claim(Instant now)
    {
        Attempts++;
        NextAttemptAt = now + ClaimLease;
    }

    public void MarkTakenIn(Guid leadId, Instant now) => Complete(LeadgenStatus.TakenIn, null, now, leadId);

    public void MarkSkipped(string reason, Instant now) => Complete(LeadgenStatus.Skipped, reason, now);

    public void MarkFailed(string reason, Instant now) => Complete(LeadgenStatus.Failed, reason, now);

    /// <summary>Tries again after a growing wait (1 min, 5 min, 30 min, 2 h, 6 h), or gives up after <see cref="MaxAttempts"/>.</summary>
    public void RetryLater(string reason, Instant now)
    {
        if (Attempts >= MaxAttempts)
        {
            MarkFailed($"gave up after {Attempts} attempts: {reason}", now);
            return;
        }
        Reason = Trim(reason);
        NextAttemptAt = now + Backoff[Math.Clamp(Attempts - 1, 0, Backoff.Length - 1)];
    }

    private void Complete(LeadgenStatus status, string? reason, Instant now, Guid? leadId = null)
    {
        Status = status;
        Reason = reason is null ? null : Trim(reason);
        LeadId = leadId;
        CompletedAt = now;
    }

    private static string Trim(string text) => text.Length > 500 ? text[..500] : text;
}
