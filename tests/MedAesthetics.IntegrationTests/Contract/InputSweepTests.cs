using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Crm;
using MedAesthetics.IntegrationTests.Infrastructure;
using Npgsql;

namespace MedAesthetics.IntegrationTests.Contract;

/// <summary>
/// Generated from the OpenAPI document: for every operation, each property of its body and each parameter gets a null,
/// a number, an array, a NUL string, an out-of-range date and a missing value, wherever that makes the input invalid
/// by the document. Every such request must answer 4xx application/problem+json (never 500), and the database must be
/// unchanged afterwards. Operations added later are swept without a line here.
/// </summary>
public sealed class InputSweepTests(CrmApi api) : IClassFixture<CrmApi>
{
    private const string OutOfRangeInstant = "9999-12-31T23:00:00Z";
    private const string OutOfRangeDate = "0001-01-01";

    private sealed record Case(Operation Operation, string What, string Path, string? Query, string? Body);

    [Fact]
    public async Task Invalid_input_to_any_operation_answers_4xx_problem_and_changes_nothing()
    {
        var document = await OpenApiDocument.LoadAsync(api);
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var cases = document.Operations().SelectMany(o => CasesFor(document, o)).ToList();
        Assert.True(cases.Count > 300, $"only {cases.Count} cases were generated");

        var failures = new List<string>();
        var http = api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        // The settings row is written from configuration on its first read; read it once so that is not counted as a change.
        (await http.GetAsync("/admin/settings")).EnsureSuccessStatusCode();
        var before = await TableCountsAsync();
        http.DefaultRequestHeaders.Add("X-Webhook-Key", CrmApi.WebhookKey);
        foreach (var @case in cases)
        {
            using var request = new HttpRequestMessage(new HttpMethod(@case.Operation.Method), @case.Path + @case.Query);
            if (@case.Body is not null)
                request.Content = new StringContent(@case.Body, Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500 || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{@case.Operation} [{@case.What}] {@case.Path}{@case.Query} {@case.Body} -> {status} {await response.Content.ReadAsStringAsync()}");
        }
        var after = await TableCountsAsync();

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.Take(60)));
        var changed = before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t))
            .Select(t => $"{t}: {before.GetValueOrDefault(t)} -> {after.GetValueOrDefault(t)}").ToList();
        Assert.True(changed.Count == 0, "Tables changed by rejected input: " + string.Join(", ", changed));
    }

    private static IEnumerable<Case> CasesFor(OpenApiDocument document, Operation operation)
    {
        var parameters = operation.Parameters.ToList();
        string PathWith(string? name = null, string? value = null) =>
            parameters.Where(p => p["in"]!.GetValue<string>() == "path")
                .Aggregate(operation.Path, (path, p) =>
                {
                    var n = p["name"]!.GetValue<string>();
                    return path.Replace($"{{{n}}}", n == name ? value : Guid.NewGuid().ToString());
                });
        var query = parameters.Where(p => p["in"]!.GetValue<string>() == "query").ToList();
        var validQuery = query.Where(p => p["required"]?.GetValue<bool>() == true)
            .ToDictionary(p => p["name"]!.GetValue<string>(), p => Sample(document, document.Resolve(p["schema"]), p["name"]!.GetValue<string>())!.ToString());
        string QueryWith(string? name, string? value, bool drop = false)
        {
            var values = new Dictionary<string, string>(validQuery);
            if (drop) values.Remove(name!);
            else if (name is not null) values[name] = value!;
            return values.Count == 0 ? "" : "?" + string.Join("&", values.Select(kv => $"{kv.Key}={kv.Value}"));
        }
        var bodySchema = operation.BodySchema is null ? null : document.Resolve(operation.BodySchema);
        var validBody = bodySchema is null ? null : Sample(document, bodySchema, "body")?.ToJsonString();

        foreach (var p in parameters)
        {
            var name = p["name"]!.GetValue<string>();
            var schema = document.Resolve(p["schema"]);
            var types = OpenApiDocument.Types(schema);
            var format = schema["format"]?.GetValue<string>();
            if (p["in"]!.GetValue<string>() == "path")
            {
                // (%00 in a path is refused by Kestrel itself, and TestServer cannot even send it.)
                yield return new(operation, $"{name}=number", PathWith(name, "12345"), QueryWith(null, null), validBody);
                continue;
            }
            yield return new(operation, $"{name}=NUL", PathWith(), QueryWith(name, "a%00b"), validBody);
            if (!types.Contains("string"))
                yield return new(operation, $"{name}=text", PathWith(), QueryWith(name, "not-a-value"), validBody);
            if (format is "uuid" or "int32" or "int64")
                yield return new(operation, $"{name}=array", PathWith(), QueryWith(name, $"1&{name}=2"), validBody);
            if (format is "date" or "date-time" || name is "date" or "from" or "to" or "createdFrom" or "createdTo" or "dueBefore")
                yield return new(operation, $"{name}=out of range", PathWith(), QueryWith(name, format == "date" || name == "date" ? OutOfRangeDate : OutOfRangeInstant), validBody);
            if (p["required"]?.GetValue<bool>() == true)
                yield return new(operation, $"{name} missing", PathWith(), QueryWith(name, null, drop: true), validBody);
        }

        if (bodySchema is null)
            yield break;
        foreach (var whole in new[] { "null", "42", "[1]", "\"\\u0000\"", "{" })
            yield return new(operation, $"body={whole}", PathWith(), QueryWith(null, null), whole);
        if (OpenApiDocument.Types(bodySchema).Contains("array"))
            yield return new(operation, "body: null entry", PathWith(), QueryWith(null, null), $"[{validBody![1..^1]}, null]");

        var target = OpenApiDocument.Types(bodySchema).Contains("array") ? document.Resolve(bodySchema["items"]) : bodySchema;
        if (target["properties"] is not JsonObject properties)
            yield break;
        var required = target["required"] is JsonArray r ? r.Select(x => x!.GetValue<string>()).ToHashSet() : [];
        foreach (var (name, node) in properties)
        {
            var property = node!.AsObject();
            var schema = document.Resolve(property);
            var types = OpenApiDocument.Types(schema);
            var format = schema["format"]?.GetValue<string>();
            var mutations = new List<(string What, JsonNode? Value, bool Remove)>();
            if (!OpenApiDocument.AcceptsNull(property)) mutations.Add(("null", null, false));
            if (!types.Contains("integer") && !types.Contains("number")) mutations.Add(("number", JsonValue.Create(12345), false));
            if (!types.Contains("array")) mutations.Add(("array", new JsonArray(1, 2), false));
            mutations.Add(("NUL string", JsonValue.Create("a\u0000b"), false));
            if (format is "date-time") mutations.Add(("out-of-range instant", JsonValue.Create(OutOfRangeInstant), false));
            if (format is "date") mutations.Add(("out-of-range date", JsonValue.Create(OutOfRangeDate), false));
            if (types.Contains("integer")) mutations.Add(("integer overflow", JsonValue.Create(2_147_483_648L), false));
            if (required.Contains(name)) mutations.Add(("missing", null, true));
            if (types.Contains("array") && schema["items"] is not null) mutations.Add(("null entry", new JsonArray(null, null), false));
            foreach (var (what, value, remove) in mutations)
            {
                var body = JsonNode.Parse(validBody!)!;
                var obj = body is JsonArray array ? array[0]!.AsObject() : body.AsObject();
                if (remove) obj.Remove(name);
                else obj[name] = value?.DeepClone();
                yield return new(operation, $"{name}: {what}", PathWith(), QueryWith(null, null), body.ToJsonString());
            }
        }
    }

    /// <summary>A plausible value for a schema; ids are random (so writes aimed at them find nothing).</summary>
    private static JsonNode? Sample(OpenApiDocument document, JsonObject schema, string name, int depth = 0)
    {
        if (schema["examples"] is JsonArray { Count: > 0 } examples && depth == 0)
            return examples[0]!.DeepClone();
        if (schema["enum"] is JsonArray values)
            return values.First(v => v is not null)!.DeepClone();
        var types = OpenApiDocument.Types(schema);
        var format = schema["format"]?.GetValue<string>();
        if (types.Contains("object") && schema["properties"] is JsonObject properties)
        {
            var result = new JsonObject();
            if (depth < 4)
                foreach (var (property, node) in properties)
                    result[property] = Sample(document, document.Resolve(node), property, depth + 1);
            return result;
        }
        if (types.Contains("array"))
            return depth < 4 && schema["items"] is { } items ? new JsonArray(Sample(document, document.Resolve(items), name, depth + 1)) : new JsonArray();
        if (types.Contains("integer")) return JsonValue.Create(1);
        if (types.Contains("number")) return JsonValue.Create(10.5m);
        if (types.Contains("boolean")) return JsonValue.Create(true);
        return JsonValue.Create(format switch
        {
            "uuid" => Guid.NewGuid().ToString(),
            "date-time" => "2026-03-05T09:00:00Z",
            "date" => "2026-03-05",
            _ when schema["pattern"] is not null => "10:00",
            _ when name.Contains("email", StringComparison.OrdinalIgnoreCase) => "sweep@example.test",
            _ when name is "currency" => "EUR",
            _ when name is "timezone" => "Europe/Athens",
            _ => "sweep",
        });
    }

    /// <summary>Row counts of every table of the application's and the job storage's schemas.</summary>
    private async Task<Dictionary<string, long>> TableCountsAsync()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables " +
            "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema', 'hangfire')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
