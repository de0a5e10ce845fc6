using FluentValidation;
using FluentValidation.Validators;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace MedAesthetics.Api.Platform.OpenApi;

/// <summary>
/// Per operation: camelCase query parameters marked required where their validator requires them; `security` (bearer,
/// the webhook key, or `[]` for public operations); and every problem the platform's own layers can answer, as
/// application/problem+json: 400 (validation problem) where there is input, 401 and 403 where a caller is checked,
/// 404 where the path names a resource, 409 on every write (a lost race on a constraint), 413 and 415 where there is a
/// body, 414 everywhere, 429 where a rate limit applies, besides the
/// answers the endpoint declares itself (409, 410, 422, 423, ...).
/// </summary>
internal static class OpenApiOperations
{
    public const string BearerScheme = "Bearer";
    public const string WebhookKeyScheme = "WebhookKey";
    public const string ProblemSchema = "ProblemDetails";
    public const string ValidationProblemSchema = "ValidationProblemDetails";

    /// <summary>
    /// Routes an ad platform calls with the X-Webhook-Key header; POST /crm/leads also takes a staff bearer token. (The
    /// Facebook subscription handshake, a GET, is public: its verify token is a query parameter Facebook sends.)
    /// </summary>
    private static (bool Key, bool Bearer)? WebhookAccess(string method, string path) => (method, path) switch
    {
        ("POST", "crm/leads") => (true, true),
        ("POST", var p) when p.StartsWith("crm/webhooks/", StringComparison.Ordinal) => (true, false),
        _ => null,
    };

    private static readonly Dictionary<int, string> Reasons = new()
    {
        [400] = "The input is invalid: `errors` names each field",
        [401] = "No valid access token (or webhook key)",
        [403] = "The caller may not do this",
        [404] = "Not found, or outside the caller's reach",
        [409] = "Conflicts with the current state (taken slot, spent hold, duplicate)",
        [410] = "Gone",
        [413] = "The body is larger than 1 MB",
        [414] = "The request target is longer than 8 KB",
        [415] = "The body is not application/json",
        [422] = "Well-formed but not allowed by a business rule",
        [423] = "Locked",
        [429] = "Too many requests; retry later",
    };

    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken _)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod ?? "GET";
        var path = description.RelativePath?.Split('?')[0] ?? "";

        CamelCaseQueryParameters(operation, description, context.ApplicationServices);

        var webhook = WebhookAccess(method, path);
        var authenticated = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        operation.Security = [];
        if (authenticated || webhook is { Bearer: true })
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
        if (webhook is { Key: true })
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(WebhookKeyScheme, context.Document)] = [] });

        var hasBody = operation.RequestBody is not null;
        var statuses = new SortedSet<int>();
        if (hasBody || operation.Parameters is { Count: > 0 })
            statuses.Add(400);
        if (operation.Security.Count > 0)
            statuses.UnionWith([401, 403]);
        if (description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path))
            statuses.Add(404);
        if (hasBody)
            statuses.UnionWith([413, 415]);
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            statuses.Add(429);
        if (method != "GET")
            statuses.Add(409);   // any write may lose a race on a unique or exclusion constraint: ApiExceptionHandler answers 409
        statuses.Add(414);

        operation.Responses ??= new OpenApiResponses();
        foreach (var declared in operation.Responses.Keys.ToList())
            if (int.TryParse(declared, out var code) && code >= 400)
                statuses.Add(code);
        // A Results<Created<T>, Ok<T>> union documents a 200 the creating endpoint never answers.
        if (operation.Responses.ContainsKey("201"))
            operation.Responses.Remove("200");

        foreach (var status in statuses)
            operation.Responses[status.ToString()] = new OpenApiResponse
            {
                Description = Reasons.GetValueOrDefault(status, "Error"),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new()
                    {
                        Schema = new OpenApiSchemaReference(status == 400 ? ValidationProblemSchema : ProblemSchema, context.Document),
                    },
                },
            };

        if (path == "crm/webhooks/facebook" && operation.RequestBody is OpenApiRequestBody body)
            body.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(OpenApiDocumentParts.FacebookWebhookSchema, context.Document) },
            };
        // The settings PATCH reads a partial object (only the fields sent change): its shape is the settings record's, every field optional.
        if (path.TrimEnd('/') == "admin/settings" && method == "PATCH" && operation.RequestBody is OpenApiRequestBody settings)
            settings.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(nameof(Settings.PlatformSettings), context.Document) },
            };
        return Task.CompletedTask;
    }

    private static void CamelCaseQueryParameters(OpenApiOperation operation, ApiDescription description, IServiceProvider services)
    {
        if (operation.Parameters is null)
            return;
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
        {
            var source = description.ParameterDescriptions.FirstOrDefault(d => d.Name == parameter.Name && d.Source == BindingSource.Query);
            parameter.Name = char.ToLowerInvariant(parameter.Name![0]) + parameter.Name[1..];
            if (source?.ModelMetadata?.ContainerType is not { } container || source.ModelMetadata.PropertyName is not { } property)
                continue;
            if (RequiredByValidator(services, container, property))
                parameter.Required = true;
            if (container.GetProperty(property)?.GetCustomAttributes(typeof(TextFormatAttribute), true).FirstOrDefault() is TextFormatAttribute text
                && parameter.Schema is OpenApiSchema schema)
                OpenApiSchemas.ApplyTextFormat(schema, text);
            if (container.GetProperty(property)?.GetCustomAttributes(typeof(TextValuesAttribute), true).FirstOrDefault() is TextValuesAttribute values
                && parameter.Schema is OpenApiSchema listed)
                listed.Enum = values.Values.Select(v => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(v)!).ToList();
        }
    }

    /// <summary>True when the container's validator has an unconditional NotNull/NotEmpty rule for the property.</summary>
    private static bool RequiredByValidator(IServiceProvider services, Type container, string property)
    {
        using var scope = services.CreateScope();
        if (scope.ServiceProvider.GetService(typeof(IValidator<>).MakeGenericType(container)) is not IValidator validator)
            return false;
        return validator.CreateDescriptor().GetRulesForMember(property)
            .Any(rule => !rule.HasCondition && !rule.HasAsyncCondition
                         && rule.Components.Any(c => !c.HasCondition && !c.HasAsyncCondition && c.Validator is INotNullValidator or INotEmptyValidator));
    }
}
