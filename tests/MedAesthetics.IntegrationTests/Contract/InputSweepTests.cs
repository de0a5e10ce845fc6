using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.IntegrationTests.Crm;
using MedAesthetics.IntegrationTests.Infrastructure;

namespace MedAesthetics.IntegrationTests.Contract;

/// <summary>
/// Generated from the OpenAPI document: for every operation, each property of its body and each parameter gets a null,
/// a number, an array, a NUL string, an out-of-range date, number or enum value and a missing value, wherever that makes
/// the input invalid by the document; path ids get text that is no UUID and 100 KB strings; bodies get a property they do
/// not have; and every operation gets a 2 MB body (413) and a 100 KB query string (414). Every such request must answer
/// 4xx application/problem+json (never 5xx), and no table's fingerprint (<see cref="DatabaseFingerprint"/>) may change.
/// Operations added later are swept without a line here; <see cref="BodyFuzzTests"/> adds random bodies.
/// </summary>
public sealed class InputSweepTests(CrmApi api) : IClassFixture<CrmApi>
{
    private const string OutOfRangeInstant = "9999-12-31T23:00:00Z";
    private const string OutOfRangeDate = "0001-01-01";
    private static readonly string HundredKb = new('a', 100 * 1024);
    /// <summary>Above the 1 MB limit of RequestLimits: answered 413 before the body is read.</summary>
    private static readonly string TwoMbBody = $"{{\"padding\":\"{new string('a', 2 * 1024 * 1024)}\"}}";

    /// <param name="Status">The one status that is right, where the case has one (413, 414); else any 4xx.</param>
    private sealed record Case(Operation Operation, string What, string Path, string? Query, string? Body, int? Status = null);

    [Fact]
    public async Task Invalid_input_to_any_operation_answers_4xx_problem_and_changes_nothing()
    {
        var document = await OpenApiDocument.LoadAsync(api);
        var (_, admin) = await api.SignedInAsync(UserRole.Admin);
        var cases = document.Operations().SelectMany(o => CasesFor(document, o)).ToList();
        Assert.True(cases.Count > 300, $"only {cases.Count} cases were generated");
        var unswept = document.Operations().Where(o => !cases.Any(c => c.Operation == o)).ToList();
        Assert.True(unswept.Count == 0, "Operations without a case: " + string.Join(", ", unswept));

        var failures = new List<string>();
        var http = api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        // The settings row is written from configuration on its first read; read it once so that is not counted as a change.
        (await http.GetAsync("/admin/settings")).EnsureSuccessStatusCode();
        var fingerprint = new DatabaseFingerprint(api.ConnectionString);
        var before = await fingerprint.TakeAsync();
        http.DefaultRequestHeaders.Add("X-Webhook-Key", CrmApi.WebhookKey);
        // Cases are independent (each is refused and changes nothing), so a few run at once to keep the sweep short.
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (@case, _) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(@case.Operation.Method), @case.Path + @case.Query);
            if (@case.Body is not null)
                request.Content = new StringContent(@case.Body, Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500 || (@case.Status is { } expected && status != expected)
                || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                var failure = $"{@case.Operation} [{@case.What}] {Shorten(@case.Path + @case.Query)} {Shorten(@case.Body)} -> {status} {Shorten(await response.Content.ReadAsStringAsync())}";
                lock (failures)
                    failures.Add(failure);
            }
        });
        var changed = DatabaseFingerprint.Changed(before, await fingerprint.TakeAsync());

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failures.Take(60)));
        Assert.True(changed.Count == 0, "Tables changed by rejected input: " + string.Join(", ", changed));
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 200 ? text : $"{text[..200]}... ({text.Length} characters)";

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

        // Limits that hold for every operation, whatever it takes.
        yield return new(operation, "2 MB body", PathWith(), QueryWith(null, null), TwoMbBody, 413);
        var queryName = query.Select(p => p["name"]!.GetValue<string>()).FirstOrDefault() ?? "q";
        yield return new(operation, "100 KB query", PathWith(), QueryWith(queryName, HundredKb), validBody, 414);

        foreach (var p in parameters)
        {
            var name = p["name"]!.GetValue<string>();
            var schema = document.Resolve(p["schema"]);
            var types = OpenApiDocument.Types(schema);
            var format = schema["format"]?.GetValue<string>();
            if (p["in"]!.GetValue<string>() == "path")
            {
                // (%00 in a path is refused by Kestrel itself before any middleware, and TestServer cannot even send it: see docs/api.md.)
                yield return new(operation, $"{name}=number", PathWith(name, "12345"), QueryWith(null, null), validBody);
                yield return new(operation, $"{name}=not a UUID", PathWith(name, "not-a-uuid"), QueryWith(null, null), validBody);
                yield return new(operation, $"{name}=100 KB", PathWith(name, HundredKb), QueryWith(null, null), validBody, 414);
                continue;
            }
            if (types.Contains("integer"))
                foreach (var number in new[] { "-1", "99999999", "2147483648", "1.5" })
                    yield return new(operation, $"{name}={number}", PathWith(), QueryWith(name, number), validBody);
            if (schema["enum"] is JsonArray)
                yield return new(operation, $"{name}=unknown value", PathWith(), QueryWith(name, "not-a-value"), validBody);
            if (types.Contains("string") && schema["enum"] is null)
                yield return new(operation, $"{name}=5 KB text", PathWith(), QueryWith(name, new string('a', 5 * 1024)), validBody);
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
        if (target["additionalProperties"] is null)
        {
            var extra = JsonNode.Parse(validBody!)!;
            (extra is JsonArray items ? items[0]!.AsObject() : extra.AsObject())["unexpectedProperty"] = 1;
            yield return new(operation, "extra property", PathWith(), QueryWith(null, null), extra.ToJsonString());
        }
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
            if (schema["enum"] is JsonArray) mutations.Add(("unknown enum value", JsonValue.Create("not-a-value"), false));
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
    internal static JsonNode? Sample(OpenApiDocument document, JsonObject schema, string name, int depth = 0)
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
}
