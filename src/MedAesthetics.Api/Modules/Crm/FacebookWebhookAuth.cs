using MedAesthetics.Api.Platform.Errors;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// Who may deliver to POST /crm/webhooks/facebook: Facebook itself, by a valid X-Hub-Signature-256 of the raw body
/// under FACEBOOK_APP_SECRET, or any other sender with the right X-Webhook-Key (LEAD_WEBHOOK_KEY). Either suffices.
/// With neither: 403 when an app secret is configured (the signature is bad or missing), else 401 as for any webhook.
/// </summary>
public sealed class FacebookWebhookAuth : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var settings = http.RequestServices.GetRequiredService<FacebookSettings>();
        var delivery = context.Arguments.OfType<FacebookDelivery>().Single();
        var signature = http.Request.Headers.TryGetValue(FacebookSignature.Header, out var s) ? s.ToString() : null;
        var key = http.Request.Headers.TryGetValue(LeadWebhooks.KeyHeader, out var k) ? k.ToString() : null;
        if (FacebookSignature.IsValid(delivery.Body, signature, settings.AppSecret)
            || LeadWebhooks.KeyMatches(key, http.RequestServices.GetRequiredService<IConfiguration>()["LEAD_WEBHOOK_KEY"]))
            return await next(context);
        if (settings.AppSecret is not null)
            return ApiProblems.Forbidden(signature is null
                ? $"A {FacebookSignature.Header} signature (or a valid {LeadWebhooks.KeyHeader}) is required."
                : $"The {FacebookSignature.Header} signature does not match the body.");
        return ApiProblems.Unauthorized($"A valid {LeadWebhooks.KeyHeader} header is required.");
    }
}
