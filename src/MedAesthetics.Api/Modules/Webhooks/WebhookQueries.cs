using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Webhooks;

public sealed class WebhookQueries(AppDbContext db)
{
    public async Task<PageOf<WebhookEndpointResponse>> ListAsync(WebhookListQuery query, AccessScope scope, CancellationToken ct)
    {
        var endpoints = db.Set<WebhookEndpoint>().AsNoTracking().Manageable(scope);
        if (query.ClinicId is { } clinicId)
            endpoints = endpoints.Where(e => e.ClinicId == clinicId);
        return (await endpoints.OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id).ToPageAsync(query.Paging, ct)).Map(WebhookEndpointResponse.From);
    }

    public async Task<Outcome<WebhookEndpointResponse>> FindAsync(Guid id, AccessScope scope, CancellationToken ct) =>
        await db.Set<WebhookEndpoint>().AsNoTracking().Manageable(scope).SingleOrDefaultAsync(e => e.Id == id, ct) is { } endpoint
            ? WebhookEndpointResponse.From(endpoint)
            : WebhookService.NotFound(id);

    /// <summary>The endpoint's deliveries, newest first, each with its tries.</summary>
    public async Task<Outcome<PageOf<WebhookDeliveryResponse>>> DeliveriesAsync(Guid id, WebhookDeliveryListQuery query, AccessScope scope, CancellationToken ct)
    {
        if (!await db.Set<WebhookEndpoint>().Manageable(scope).AnyAsync(e => e.Id == id, ct))
            return WebhookService.NotFound(id);
        var deliveries = db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.EndpointId == id);
        if (query.StatusFilter is { } status)
            deliveries = deliveries.Where(d => d.Status == status);
        var page = await deliveries.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).ToPageAsync(query.Paging, ct);
        var ids = page.Items.Select(d => d.Id).ToList();
        var attempts = (await db.Set<WebhookDeliveryAttempt>().AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(ct))
            .ToLookup(a => a.DeliveryId);
        return page.Map(d => WebhookDeliveryResponse.From(d, attempts[d.Id]));
    }
}
