using Hangfire;
using MedAesthetics.Api.Platform.Outbox;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>Leadgen ids a webhook delivery recorded, to be fetched from the Graph API (Crm's own event).</summary>
public sealed record FacebookLeadgensReceived(IReadOnlyList<Guid> LeadgenRecordIds) : IIntegrationEvent;

/// <summary>Enqueues one fetch job per recorded leadgen; Hangfire is never called inside the request's transaction.</summary>
public sealed class FetchFacebookLeadgens(IBackgroundJobClient jobs, IClock clock) : IntegrationEventHandler<FacebookLeadgensReceived>
{
    protected override Task HandleAsync(FacebookLeadgensReceived e, EventContext context, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        foreach (var id in e.LeadgenRecordIds)
            FacebookLeadgenJob.Enqueue(jobs, id, now, now);
        return Task.CompletedTask;
    }
}
