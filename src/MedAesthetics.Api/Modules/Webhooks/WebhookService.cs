using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>Registers, re-enables and deletes endpoints; each a transaction audited by the trail (the secret never is).</summary>
public sealed class WebhookService(AppDbContext db, WebhookUrlPolicy urls, IClinicDirectory clinics)
{
    public async Task<Outcome<CreatedWebhookResponse>> CreateAsync(CreateWebhookRequest request, AccessScope scope, CancellationToken ct)
    {
        if (!scope.IsAdmin && scope.Caller.Role != UserRole.ClinicOwner)
            return Error.Forbidden("Only admins and clinic owners register webhooks.");
        if (request.ClinicId is { } clinicId)
        {
            if (!scope.ManagesClinic(clinicId) || await clinics.FindClinicAsync(clinicId, ct) is null)
                return Error.NotFound($"There is no clinic {clinicId} you manage.");
        }
        else if (!scope.IsAdmin)
            return Error.Invalid("clinicId", "clinicId is required: a clinic owner registers webhooks for one of its clinics.");

        var url = request.Url.Trim();
        if (await urls.CheckAsync(url, ct) is { } refused)
            return Error.Invalid("url", refused);

        var endpoint = WebhookEndpoint.Register(request.ClinicId, scope.Caller.UserId, url, request.Secret ?? WebhookSigner.NewSecret(), request.EventTypes);
        db.Add(endpoint);
        await db.SaveChangesAsync(ct);
        return CreatedWebhookResponse.From(endpoint);
    }

    public async Task<Outcome<bool>> DeleteAsync(Guid id, AccessScope scope, CancellationToken ct)
    {
        var endpoint = await db.Set<WebhookEndpoint>().Manageable(scope).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null)
            return NotFound(id);
        db.Remove(endpoint);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Turns a disabled endpoint back on (its failure window starts afresh); an enabled one is left as it is.</summary>
    public async Task<Outcome<WebhookEndpointResponse>> EnableAsync(Guid id, AccessScope scope, CancellationToken ct)
    {
        var endpoint = await db.Set<WebhookEndpoint>().Manageable(scope).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null)
            return NotFound(id);
        if (!endpoint.Enabled)
        {
            endpoint.Enable();
            await db.SaveChangesAsync(ct);
        }
        return WebhookEndpointResponse.From(endpoint);
    }

    public static Error NotFound(Guid id) => Error.NotFound($"There is no webhook endpoint {id} you manage.");
}
