using System.Net.Http;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace MedAesthetics.Api.Platform.OpenApi;

/// <summary>The document-wide parts: info, security schemes, tag descriptions, problem schemas, the Facebook webhook body and the health endpoints.</summary>
internal static class OpenApiDocumentParts
{
    public const string FacebookWebhookSchema = "FacebookLeadWebhook";
    private const string HealthSchema = "HealthReport";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Health"] = "Liveness, readiness and the service's name and version.",
        ["Authentication"] = "Registration, sign-in, token refresh and sign-out (JWT access token plus rotating refresh token).",
        ["Users"] = "The signed-in user's profile; admins create and list users.",
        ["Clinics"] = "Partner clinics, their services, staff, providers' working hours and blocked slots.",
        ["Availability"] = "Free slots of a clinic's providers for a service (public).",
        ["Appointments"] = "Holds, bookings (single or recurring), reschedules, cancellations, completion and no-shows.",
        ["CRM"] = "Leads from ads and webhooks, the sales pipeline, campaigns and their spend and metrics.",
        ["Admin"] = "Administration: lead tags and other platform-wide settings.",
        ["Tasks"] = "Staff tasks: calls, follow-ups and reminders, made by hand or by the platform's rules.",
        ["Webhooks"] = "Signed outgoing webhooks: receivers registered by admins and clinic owners, and every delivery with its tries.",
    };

    public static Task TransformAsync(OpenApiDocument document, Microsoft.AspNetCore.OpenApi.OpenApiDocumentTransformerContext context, CancellationToken _)
    {
        document.Info = new OpenApiInfo
        {
            Title = "MedAesthetics API",
            Version = "v1",
            Description = "Clinics, bookings, CRM, tasks, loyalty and notifications for medical aesthetics clinics. " +
                          "Log in with POST /auth/login, then send `Authorization: Bearer <accessToken>`. Conventions, status codes and " +
                          "flows: docs/api.md; business rules: docs/rules.md.",
            Contact = new OpenApiContact { Name = "MedAesthetics platform team", Email = "api@medaesthetics.example", Url = new Uri("https://medaesthetics.example/developers") },
            License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://medaesthetics.example/terms") },
        };

        document.Servers = [new OpenApiServer { Url = "/", Description = "This API (./run.sh serves it on http://127.0.0.1:3000)" }];
        if (document.Paths?.TryGetValue("/", out var root) == true && root.Operations?.TryGetValue(HttpMethod.Get, out var index) == true)
            index.Summary ??= "The service's name, version and status";

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[OpenApiOperations.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The accessToken from /auth/login or /auth/register.",
        };
        document.Components.SecuritySchemes[OpenApiOperations.WebhookKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Webhook-Key",
            Description = "The lead webhook key (LEAD_WEBHOOK_KEY) an ad platform presents.",
        };

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var schemas = document.Components.Schemas;
        schemas[OpenApiOperations.ProblemSchema] = Problem(validation: false);
        schemas[OpenApiOperations.ValidationProblemSchema] = Problem(validation: true);
        schemas.Remove("HttpValidationProblemDetails");
        schemas[FacebookWebhookSchema] = FacebookWebhook();
        schemas[HealthSchema] = HealthReport();

        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = "Health" });
        foreach (var tag in document.Tags)
            tag.Description ??= TagDescriptions.GetValueOrDefault(tag.Name ?? "", $"{tag.Name} operations.");

        document.Paths ??= new OpenApiPaths();
        document.Paths["/health/live"] = HealthPath(document, "checkLiveness", "Answers 200 while the process runs (no dependency is checked)");
        document.Paths["/health/ready"] = HealthPath(document, "checkReadiness",
            "From a report refreshed in the background: 200 \"ok\", or 200 \"degraded\" when the outbox or the job heartbeat lags; 503 \"unavailable\" when the database, its migrations or the job storage are not there");
        return Task.CompletedTask;
    }

    private static OpenApiSchema Problem(bool validation)
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        if (validation)
            properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Messages per field, keyed by the field's camelCase path (e.g. `email`, `recurrence.count`, `body[1]`).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = validation ? "An RFC 9457 problem with the invalid fields." : "An RFC 9457 problem.",
            Required = new HashSet<string>(validation ? ["title", "status", "traceId"] : ["title", "status", "traceId"]),
            Properties = properties,
        };
    }

    private static OpenApiSchema Text() => new() { Type = JsonSchemaType.String };

    private static OpenApiSchema Array(IOpenApiSchema items) => new() { Type = JsonSchemaType.Array, Items = items };

    private static OpenApiSchema Object(Dictionary<string, IOpenApiSchema> properties, params string[] required) =>
        new() { Type = JsonSchemaType.Object, Properties = properties, Required = required.Length == 0 ? null : new HashSet<string>(required) };

    private static OpenApiSchema FacebookWebhook()
    {
        var fieldData = Array(Object(new() { ["name"] = Text(), ["values"] = Array(Text()) }, "name", "values"));
        Dictionary<string, IOpenApiSchema> Ids() => new()
        {
            ["leadgen_id"] = Text(),
            ["page_id"] = Text(),
            ["form_id"] = Text(),
            ["ad_id"] = Text(),
            ["adgroup_id"] = Text(),
            ["created_time"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Integer },
        };
        var lead = Object(new(Ids()) { ["id"] = Text(), ["field_data"] = fieldData }, "field_data");
        // What Facebook really sends: ids only (the fields are fetched from the Graph API); field_data when another sender has them.
        var change = Object(new(Ids()) { ["field_data"] = fieldData }, "leadgen_id");
        var envelope = Object(new()
        {
            ["object"] = Text(),
            ["entry"] = Array(Object(new()
            {
                ["id"] = Text(),
                ["time"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["changes"] = Array(Object(new() { ["field"] = Text(), ["value"] = change }, "value")),
            }, "changes")),
        }, "entry");
        return new OpenApiSchema
        {
            Description = "A Facebook Lead Ads webhook envelope (object/entry/changes/value) whose values carry leadgen ids only, as Facebook " +
                          "sends them (fetched from the Graph API afterwards), or field_data name/values pairs (full_name or first_name/last_name, " +
                          "email, phone_number); or a Graph API lead object with field_data.",
            OneOf = [envelope, lead],
            Examples =
            [
                JsonNode.Parse("""{"object":"page","entry":[{"id":"1029384756","time":1772438400,"changes":[{"field":"leadgen","value":{"leadgen_id":"4410001","page_id":"1029384756","form_id":"5550001","ad_id":"6660001","adgroup_id":"6660001","created_time":1772438400}}]}]}""")!,
                JsonNode.Parse("""{"object":"page","entry":[{"changes":[{"field":"leadgen","value":{"leadgen_id":"4410002","field_data":[{"name":"full_name","values":["Maria Georgiou"]},{"name":"email","values":["maria@example.com"]},{"name":"phone_number","values":["+30 691 234 5678"]}]}}]}]}""")!,
            ],
        };
    }

    private static OpenApiSchema HealthReport() => Object(new()
    {
        ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("ok"), JsonValue.Create("degraded"), JsonValue.Create("unavailable")] },
        ["checkedAt"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "When the report was made (readiness only)" },
        ["checks"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            AdditionalProperties = Object(new()
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("healthy"), JsonValue.Create("degraded"), JsonValue.Create("unhealthy")] },
                ["error"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            }, "status"),
        },
    }, "status", "checks");

    private static OpenApiPathItem HealthPath(OpenApiDocument document, string operationId, string summary)
    {
        OpenApiResponse Report(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(HealthSchema, document) } },
        };
        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = operationId,
                    Summary = summary,
                    Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                    Security = [],
                    Responses = new OpenApiResponses
                    {
                        ["200"] = Report("Healthy"),
                        ["414"] = new OpenApiResponse
                        {
                            Description = "The request target is longer than 8 KB",
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(OpenApiOperations.ProblemSchema, document) },
                            },
                        },
                        ["503"] = Report("Unavailable"),
                    },
                },
            },
        };
    }
}
