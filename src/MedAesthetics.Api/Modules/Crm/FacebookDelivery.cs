using System.Reflection;
using System.Text.Json;
using MedAesthetics.Api.Platform.Http;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// A webhook delivery as it arrived: the raw body (whose bytes X-Hub-Signature-256 signs, so it is kept before any
/// parsing) and the JSON read from it with the API's JSON rules. Bound by <see cref="BindAsync"/>: 415 for a body that is
/// not JSON, 400 for an empty or malformed one.
/// </summary>
public sealed class FacebookDelivery
{
    private FacebookDelivery(byte[] body, JsonElement payload)
    {
        Body = body;
        Payload = payload;
    }

    public byte[] Body { get; }
    public JsonElement Payload { get; }

    public static async ValueTask<FacebookDelivery> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("The body must be application/json.", StatusCodes.Status415UnsupportedMediaType);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > RequestLimits.MaxBodyBytes)
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        if (buffer.Length == 0)
            throw new BadHttpRequestException("The request body is empty: send the webhook's JSON.", StatusCodes.Status400BadRequest);
        var body = buffer.ToArray();
        try
        {
            return new FacebookDelivery(body, JsonSerializer.Deserialize<JsonElement>(body, ApiJson.Options));
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The body is not valid JSON.", StatusCodes.Status400BadRequest, e);
        }
    }
}
