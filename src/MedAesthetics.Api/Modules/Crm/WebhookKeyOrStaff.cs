using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>POST /crm/leads accepts an ad webhook with the right X-Webhook-Key, or a member of staff with a token; nothing else gets as far as validation.</summary>
public sealed class WebhookKeyOrStaff : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers.TryGetValue(LeadWebhooks.KeyHeader, out var key))
            return LeadWebhooks.KeyMatches(key.ToString(), http.RequestServices.GetRequiredService<IConfiguration>()["LEAD_WEBHOOK_KEY"])
                ? await next(context)
                : ApiProblems.Unauthorized("The webhook key is wrong.");
        var caller = Caller.FromPrincipal(http.User);
        if (caller is null)
            return ApiProblems.Unauthorized("Sign in as staff, or send the webhook key in X-Webhook-Key.");
        return caller.IsStaff ? await next(context) : ApiProblems.Forbidden("Only staff and ad webhooks create leads.");
    }
}
