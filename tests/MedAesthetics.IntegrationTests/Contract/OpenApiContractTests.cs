using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Contract;

/// <summary>
/// The OpenAPI document is what client generators read: these rules hold for every operation it has, so an endpoint a
/// module adds later is held to them without a line here.
/// </summary>
public sealed partial class OpenApiContractTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] Keywords = ["type", "$ref", "oneOf", "anyOf", "allOf", "enum", "const", "not"];

    private async Task<OpenApiDocument> Document() => await OpenApiDocument.LoadAsync(api);

    [Fact]
    public async Task Every_operation_has_a_unique_camel_case_verb_noun_operation_id()
    {
        var operations = (await Document()).Operations().ToList();

        var missing = operations.Where(o => o.OperationId is null || !VerbNoun().IsMatch(o.OperationId)).Select(o => $"{o} ({o.OperationId ?? "none"})").ToList();
        Assert.True(missing.Count == 0, "Operations without a camelCase verb-noun operationId (give the route .WithName(\"verbNoun\")): " + string.Join(", ", missing));
        var duplicates = operations.GroupBy(o => o.OperationId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public async Task Every_operation_documents_its_problems_as_problem_json()
    {
        var document = await Document();
        var failures = new List<string>();
        foreach (var operation in document.Operations().Where(o => !o.Path.StartsWith("/health/", StringComparison.Ordinal) && o.Path != "/"))
        {
            var problems = operation.Responses.Where(r => r.Key.StartsWith('4')).ToList();
            if (problems.Count == 0)
                failures.Add($"{operation}: no 4xx answer");
            foreach (var (status, response) in problems)
            {
                var schema = response!["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
                var expected = status == "400" ? "ValidationProblemDetails" : "ProblemDetails";
                if (schema != $"#/components/schemas/{expected}")
                    failures.Add($"{operation} {status}: not application/problem+json with {expected}");
            }
            var hasInput = operation.BodySchema is not null || operation.Parameters.Any();
            if (hasInput && !operation.Responses.ContainsKey("400"))
                failures.Add($"{operation}: takes input but documents no 400");
            if (!operation.IsPublic && !(operation.Responses.ContainsKey("401") && operation.Responses.ContainsKey("403")))
                failures.Add($"{operation}: authenticated but 401/403 not documented");
            if (operation.Path.Contains('{') && !operation.Responses.ContainsKey("404"))
                failures.Add($"{operation}: names a resource but documents no 404");
            if (operation.BodySchema is not null && !(operation.Responses.ContainsKey("413") && operation.Responses.ContainsKey("415")))
                failures.Add($"{operation}: takes a body but documents no 413/415");
            if (operation.Responses.ContainsKey("201") && operation.Responses.ContainsKey("200"))
                failures.Add($"{operation}: documents both 200 and 201");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_operation_states_its_security_and_public_ones_say_none()
    {
        var document = await Document();
        var schemes = document.Root["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("http", schemes["Bearer"]!["type"]!.GetValue<string>());
        Assert.Equal("apiKey", schemes["WebhookKey"]!["type"]!.GetValue<string>());
        Assert.Equal("X-Webhook-Key", schemes["WebhookKey"]!["name"]!.GetValue<string>());

        foreach (var operation in document.Operations())
            Assert.True(operation.Node["security"] is JsonArray, $"{operation} has no security list");
        var ops = document.Operations().ToDictionary(o => o.ToString());
        Assert.True(ops["POST /auth/login"].IsPublic);
        Assert.True(ops["GET /availability"].IsPublic);
        Assert.True(ops["GET /health/ready"].IsPublic);
        Assert.Contains("Bearer", ops["GET /crm/leads"].Node["security"]!.ToJsonString());
        Assert.Contains("WebhookKey", ops["POST /crm/webhooks/facebook"].Node["security"]!.ToJsonString());
        Assert.Contains("WebhookKey", ops["POST /crm/leads"].Node["security"]!.ToJsonString());
        Assert.Equal(["201"], ops["POST /crm/leads"].Responses.Select(r => r.Key).Where(k => k.StartsWith('2')));
    }

    [Fact]
    public async Task No_schema_is_empty_and_no_number_is_typed_as_a_string()
    {
        var failures = new List<string>();
        foreach (var (where, schema) in (await Document()).AllSchemas())
        {
            if (!Keywords.Any(schema.ContainsKey))
                failures.Add($"{where}: empty schema (a client cannot type it)");
            var types = OpenApiDocument.Types(schema);
            if (types.Contains("string") && (types.Contains("integer") || types.Contains("number")) && !where.Contains("FacebookLeadWebhook"))
                failures.Add($"{where}: typed {string.Join("|", types)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Instants_are_date_time_strings_and_dates_are_date_strings()
    {
        var document = await Document();
        var failures = new List<string>();
        foreach (var (name, component) in document.Root["components"]!["schemas"]!.AsObject())
        {
            if (component!["properties"] is not JsonObject properties)
                continue;
            foreach (var (property, node) in properties)
            {
                var schema = document.Resolve(node);
                if (property.EndsWith("At", StringComparison.Ordinal) || property is "start" or "end" && name.EndsWith("Response", StringComparison.Ordinal) && name is not ("WorkingHoursResponse" or "QuietHoursResponse"))   // clock times, not instants
                    if (!OpenApiDocument.Types(schema).Contains("string") || schema["format"]?.GetValue<string>() != "date-time")
                        failures.Add($"{name}.{property}: {node!.ToJsonString()}");
                if (property.EndsWith("On", StringComparison.Ordinal) && schema["format"]?.GetValue<string>() != "date")
                    failures.Add($"{name}.{property}: {node!.ToJsonString()}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal("date-time", document.Resolve(document.Schema("HoldRequest")["properties"]!["start"])["format"]!.GetValue<string>());
        Assert.DoesNotContain("Instant", document.Root["components"]!["schemas"]!.AsObject().Select(s => s.Key));
    }

    [Fact]
    public async Task Query_parameters_are_camel_case_and_required_where_the_server_requires_them()
    {
        var document = await Document();
        // The one exception: Facebook's subscription handshake, whose parameter names Facebook defines (hub.mode, ...).
        string[] facebookDefined = ["GET /crm/webhooks/facebook hub.mode", "GET /crm/webhooks/facebook hub.verify_token", "GET /crm/webhooks/facebook hub.challenge"];
        var named = document.Operations()
            .SelectMany(o => o.Parameters.Where(p => p["in"]?.GetValue<string>() is "query" or "path")   // headers keep their HTTP names (Idempotency-Key)
                .Select(p => (o, Name: p["name"]!.GetValue<string>())))
            .Select(x => $"{x.o} {x.Name}").ToList();
        var notCamel = named.Where(n => !CamelCase().IsMatch(n[(n.LastIndexOf(' ') + 1)..]) && !facebookDefined.Contains(n)).ToList();
        Assert.True(notCamel.Count == 0, "Parameters not in camelCase: " + string.Join(", ", notCamel));
        Assert.All(facebookDefined, n => Assert.Contains(n, named));

        var availability = document.Operations().Single(o => o.ToString() == "GET /availability").Parameters.ToDictionary(p => p["name"]!.GetValue<string>());
        Assert.True(availability["clinicId"]["required"]?.GetValue<bool>());
        Assert.True(availability["serviceId"]["required"]?.GetValue<bool>());
        Assert.Null(availability["providerId"]["required"]);
    }

    [Fact]
    public async Task Required_lists_only_what_the_server_requires()
    {
        var document = await Document();
        string[] Required(string schema) => document.Schema(schema)["required"] is JsonArray r ? r.Select(x => x!.GetValue<string>()).Order().ToArray() : [];

        Assert.Empty(Required("BookRequest"));
        Assert.Empty(Required("UpdateLeadRequest"));
        Assert.Equal(["acceptTerms", "email", "firstName", "lastName", "password"], Required("RegisterRequest"));
        Assert.Equal(["firstName", "source"], Required("CreateLeadRequest"));
        Assert.Contains("role", Required("CreateUserRequest"));
        Assert.Equal(["amount", "currency"], Required("Money"));
        Assert.False(OpenApiDocument.AcceptsNull(document.Schema("CreateLeadRequest")["properties"]!["firstName"]!.AsObject()));
        Assert.True(OpenApiDocument.AcceptsNull(document.Schema("CreateLeadRequest")["properties"]!["email"]!.AsObject()));
    }

    [Fact]
    public async Task Enums_list_their_values_and_schema_names_are_clean()
    {
        var document = await Document();
        var schemas = document.Root["components"]!["schemas"]!.AsObject();
        Assert.DoesNotContain(schemas, s => s.Key.Contains("Of", StringComparison.Ordinal) && s.Key.StartsWith("PageOf", StringComparison.Ordinal));
        Assert.Contains("LeadResponsePage", schemas.Select(s => s.Key));
        var status = document.Schema("LeadStatus");
        Assert.Equal("string", status["type"]!.GetValue<string>());
        Assert.Contains("contacted", status["enum"]!.AsArray().Select(v => v?.GetValue<string>()));
        foreach (var (name, schema) in schemas)
            if (schema!["enum"] is JsonArray values)
                Assert.True(values.Count > 0 && OpenApiDocument.Types(schema.AsObject()).Contains("string"), $"{name}: enum without string type or values");
    }

    [Fact]
    public async Task The_document_describes_itself_its_tags_health_and_main_examples()
    {
        var document = await Document();
        var info = document.Root["info"]!;
        Assert.NotNull(info["contact"]?["email"]);
        Assert.NotNull(info["license"]?["name"]);
        foreach (var tag in document.Root["tags"]!.AsArray())
            Assert.False(string.IsNullOrWhiteSpace(tag!["description"]?.GetValue<string>()), $"tag {tag["name"]} has no description");
        Assert.NotNull(document.Root["paths"]!["/health/live"]?["get"]);
        Assert.NotNull(document.Root["paths"]!["/health/ready"]?["get"]);
        foreach (var request in new[] { "RegisterRequest", "LoginRequest", "HoldRequest", "BookRequest", "CreateLeadRequest" })
            Assert.True(document.Schema(request)["examples"] is JsonArray { Count: > 0 }, $"{request} has no example");
        var facebook = document.Operations().Single(o => o.ToString() == "POST /crm/webhooks/facebook").BodySchema!;
        Assert.Equal("#/components/schemas/FacebookLeadWebhook", facebook["$ref"]!.GetValue<string>());
    }

    [GeneratedRegex("^[a-z][a-z0-9]*([A-Z][a-z0-9]*)*$")]
    private static partial Regex VerbNoun();

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();
}
