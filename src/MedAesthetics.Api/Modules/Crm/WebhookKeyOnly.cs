using MedAesthetics.Api.Platform.Errors;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>Webhook-only endpoints: a missing or wrong X-Webhook-Key is 401.</summary>
public sealed class WebhookKeyOnly : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers.TryGetValue(LeadWebhooks.KeyHeader, out var key) ? key.ToString() : null;
        return LeadWebhooks.KeyMatches(presented, http.RequestServices.GetRequiredService<IConfiguration>()["LEAD_WEBHOOK_KEY"])
            ? await next(context)
            : ApiProblems.Unauthorized("A valid X-Webhook-Key header is required.");
    }
}
