using System.Net.Http.Headers;
using System.Text.Json;
using MedAesthetics.Api.Platform.Http.Outbound;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>What a Graph API read of one lead came to.</summary>
public sealed record GraphLeadResult(LeadWebhooks.FacebookLead? Lead, string? Problem, bool Retryable)
{
    public static GraphLeadResult Found(LeadWebhooks.FacebookLead lead) => new(lead, null, false);
    public static GraphLeadResult RetryLater(string problem) => new(null, problem, true);
    public static GraphLeadResult Refused(string problem) => new(null, problem, false);
}

/// <summary>
/// Reads a lead from the Graph API: GET {FACEBOOK_GRAPH_URL}/{FACEBOOK_GRAPH_VERSION}/{leadgen_id}?fields=... with the
/// page access token as a bearer token (kept out of URLs and logs). The answer is {"id", "created_time", "ad_id",
/// "form_id", "campaign_id", "platform", "field_data": [{"name", "values": [...]}]}. A GET is idempotent, so the outbound
/// client retries transient failures within the call; what still fails comes back as retryable (5xx, 408, 429, transport)
/// or refused (any other 4xx: a wrong id, a token without leads_retrieval).
/// </summary>
public sealed class FacebookGraph(IHttpClientFactory http, FacebookSettings settings)
{
    public const string ClientName = "facebook-graph";
    public const string Fields = "id,created_time,ad_id,form_id,campaign_id,platform,field_data";
    public const int MaxAnswerBytes = 256 * 1024;

    public static readonly OutboundPolicy Policy = new()
    {
        Retry = OutboundRetry.Transient,
        MaxRetries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(300),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(30),
        MaxResponseBytes = MaxAnswerBytes,
    };

    public async Task<GraphLeadResult> FetchLeadAsync(string leadgenId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{settings.GraphUrl}/{settings.GraphVersion}/{Uri.EscapeDataString(leadgenId)}?fields={Fields}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.PageAccessToken);
        OutboundAnswer answer;
        try
        {
            answer = await http.CreateClient(ClientName).SendCappedAsync(request, ct, MaxAnswerBytes);
        }
        catch (Exception e) when (OutboundBody.IsTransient(e, ct))
        {
            return GraphLeadResult.RetryLater($"Graph API unreachable: {e.GetType().Name}: {Short(e.Message)}");
        }
        if (answer.Truncated)
            return GraphLeadResult.RetryLater($"Graph API answer larger than {MaxAnswerBytes / 1024} KB; not read");
        var status = (int)answer.Status;
        if (!answer.IsSuccess)
        {
            var problem = $"Graph API answered {status}: {ErrorMessage(answer.Body)}";
            return status is 408 or 429 or >= 500 ? GraphLeadResult.RetryLater(problem) : GraphLeadResult.Refused(problem);
        }
        try
        {
            using var json = JsonDocument.Parse(answer.Body);
            if (LeadWebhooks.ReadFacebook(json.RootElement) is [var lead])
                return GraphLeadResult.Found(lead with { LeadgenId = leadgenId });
            return GraphLeadResult.Refused("Graph API answered a lead without field_data");
        }
        catch (JsonException)
        {
            return GraphLeadResult.RetryLater("Graph API answered something that is not JSON");
        }
    }

    /// <summary>Graph's {"error": {"message", "code"}}; only Facebook's own words, never the lead's fields.</summary>
    private static string ErrorMessage(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                var code = error.TryGetProperty("code", out var c) ? c.GetRawText() : null;
                return Short($"{message} (code {code})");
            }
        }
        catch (JsonException)
        {
        }
        return Short(body);
    }

    private static string Short(string? text) => text is null ? "" : text.Length > 200 ? text[..200] : text;
}
