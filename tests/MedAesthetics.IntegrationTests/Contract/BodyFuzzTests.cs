using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MedAesthetics.IntegrationTests.Security;
using Xunit.Abstractions;

namespace MedAesthetics.IntegrationTests.Contract;

/// <summary>
/// Random JSON over every request body of the OpenAPI document, with a fixed seed and a time bound (FUZZ_SEED, default
/// 20261201; FUZZ_SECONDS, default 60). Each body starts valid (sampled from the document, with the ids of a seeded world so
/// that requests get past "not found") and takes one to three mutations: a value of another type, null, huge and tiny
/// numbers, deep nesting, unusual Unicode, long and empty text, impossible dates and times, a property left out or one
/// added. Whatever the answer, it is never a 5xx; a 4xx is application/problem+json and leaves every table's fingerprint
/// as it was. A failure names the seed and the request, so it can be replayed.
/// </summary>
public sealed class BodyFuzzTests(MatrixWorld world, ITestOutputHelper output) : IClassFixture<MatrixWorld>
{
    /// <summary>Left out, with the reason: logging out ends the fuzzer's own session (any refresh token revokes the caller's).</summary>
    private static readonly HashSet<string> NotFuzzed = ["logout"];

    [Fact]
    public async Task Random_bodies_never_answer_5xx_and_a_refusal_changes_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var s) ? s : 20261201;
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("FUZZ_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : 60;
        var random = new Random(seed);
        var document = await OpenApiDocument.LoadAsync(world);
        var operations = document.Operations().Where(o => o.BodySchema is not null && !NotFuzzed.Contains(o.OperationId!)).ToList();
        Assert.NotEmpty(operations);

        var http = world.Client(Who.Admin);
        http.DefaultRequestHeaders.Add("X-Webhook-Key", MatrixWorld.WebhookKey);
        (await http.GetAsync("/admin/settings")).EnsureSuccessStatusCode();   // the settings row is written on its first read
        var fingerprint = new DatabaseFingerprint(world.ConnectionString);
        var last = await fingerprint.TakeAsync();
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (clock.Elapsed.TotalSeconds < seconds && failures.Count < 20)
        {
            var operation = operations[random.Next(operations.Count)];
            var body = InputSweepTests.Sample(document, document.Resolve(operation.BodySchema), "body") ?? new JsonObject();
            UseWorldIds(body);
            var mutations = new List<string>();
            for (var i = random.Next(1, 4); i > 0; i--)
                body = Mutate(body, random, mutations);
            var text = body?.ToJsonString(Deep) ?? "null";
            var path = PathOf(operation);

            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), path) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await http.SendAsync(request);
            sent++;
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var now = await fingerprint.TakeAsync();
            var what = $"{operation} [{string.Join("; ", mutations)}] {Shorten(text)} -> {status} {Shorten(await response.Content.ReadAsStringAsync())}";
            if (status >= 500)
                failures.Add("5xx: " + what);
            else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add("4xx without problem+json: " + what);
            else if (status >= 400 && DatabaseFingerprint.Changed(last, now) is { Count: > 0 } changed)
                failures.Add($"4xx that changed {string.Join(", ", changed)}: " + what);
            last = now;
        }

        output.WriteLine($"seed {seed}: {sent} requests in {clock.Elapsed.TotalSeconds:0}s over {operations.Count} operations; statuses "
                         + string.Join(", ", statuses.Select(kv => $"{kv.Key}x{kv.Value}")));
        Assert.True(failures.Count == 0, $"FUZZ_SEED={seed}: {failures.Count} of {sent} requests failed:\n" + string.Join("\n", failures));
        Assert.True(sent > 50, $"only {sent} requests were sent in {seconds} seconds");
    }

    /// <summary>The path with the world's record of the kind its parameters name, so the body is what decides the answer.</summary>
    private string PathOf(Operation operation)
    {
        var path = operation.Path;
        string Id(string parameter) => (path, parameter) switch
        {
            (_, "providerId") => world.DoctorA.ToString(),
            (_, "clientId") => world.Client1.ToString(),
            (_, "agentUserId") => Guid.NewGuid().ToString(),
            (_, "clinicId") => world.ClinicA.ToString(),
            var (p, _) when p.StartsWith("/clinics/", StringComparison.Ordinal) => world.ClinicA.ToString(),
            var (p, _) when p.StartsWith("/appointments/", StringComparison.Ordinal) => world.AppointmentToChange.ToString(),
            var (p, _) when p.StartsWith("/crm/leads/", StringComparison.Ordinal) => world.LeadA.ToString(),
            var (p, _) when p.StartsWith("/crm/campaigns/", StringComparison.Ordinal) => world.CampaignA.ToString(),
            var (p, _) when p.StartsWith("/tasks/", StringComparison.Ordinal) => world.TaskA.ToString(),
            var (p, _) when p.StartsWith("/notifications/", StringComparison.Ordinal) => world.NotificationOfClient1.ToString(),
            _ => Guid.NewGuid().ToString(),
        };
        foreach (var parameter in operation.Parameters.Where(p => p["in"]!.GetValue<string>() == "path"))
        {
            var name = parameter["name"]!.GetValue<string>();
            path = path.Replace($"{{{name}}}", Id(name));
        }
        return path;
    }

    private void UseWorldIds(JsonNode? node)
    {
        foreach (var obj in Objects(node))
            foreach (var (name, value) in obj.ToList())
            {
                Guid? id = name switch
                {
                    "clinicId" => world.ClinicA, "serviceId" => world.ServiceA, "providerId" => world.DoctorA, "clientId" => world.Client1,
                    "leadId" => world.LeadA, "appointmentId" => world.AppointmentA, "campaignId" => world.CampaignA, _ => null,
                };
                if (id is not null && value is JsonValue)
                    obj[name] = id.ToString();
                else if (name == "userIds")
                    obj[name] = new JsonArray(world.Client1.ToString());
            }
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value).SelectMany(Objects).Prepend(obj),
        JsonArray array => array.SelectMany(Objects),
        _ => [],
    };

    private static readonly Func<Random, JsonNode?>[] Values =
    [
        _ => null,
        _ => JsonValue.Create("text"),
        _ => JsonValue.Create(""),
        _ => JsonValue.Create("   "),
        _ => JsonValue.Create(new string('x', 10_000)),
        _ => JsonValue.Create("Ǆ𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂‮ reversed ‬ a\u0301 \uFEFF \uFFFF"),
        _ => JsonValue.Create("\u0085\u2028\u2029 line separators"),
        _ => JsonValue.Create(0),
        _ => JsonValue.Create(-1),
        _ => JsonValue.Create(1e308),
        _ => JsonValue.Create(-1e308),
        _ => JsonValue.Create(1e-320),
        _ => JsonNode.Parse("9223372036854775808123"),
        _ => JsonValue.Create(0.000001m),
        _ => JsonValue.Create(true),
        _ => new JsonObject(),
        _ => new JsonArray(),
        _ => JsonValue.Create("2026-02-30"),
        _ => JsonValue.Create("2026-03-29T03:30:00+03:00"),
        _ => JsonValue.Create("24:00"),
        _ => JsonValue.Create("00000000-0000-0000-0000-000000000000"),
        r => Nested(r.Next(2) == 0 ? 30 : 200),
    ];

    /// <summary>Writes what deep nesting makes (the server's reader stops at 64 levels: that is the point).</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Deep = new() { MaxDepth = 1000 };

    private static JsonNode Nested(int depth)
    {
        JsonNode node = JsonValue.Create(1);
        for (var i = 0; i < depth; i++)
            node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["a"] = node };
        return node;
    }

    /// <summary>One mutation somewhere in the body (the body itself, or a property or item at any depth); says which in <paramref name="log"/>.</summary>
    private static JsonNode? Mutate(JsonNode? body, Random random, List<string> log)
    {
        var slots = new List<(JsonNode Parent, string? Name, int Index)>();
        void Walk(JsonNode? node)
        {
            if (node is JsonObject obj)
                foreach (var (name, value) in obj.ToList())
                {
                    slots.Add((obj, name, -1));
                    Walk(value);
                }
            else if (node is JsonArray array)
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, null, i));
                    Walk(array[i]);
                }
        }
        Walk(body);
        var kind = random.Next(10);
        if (slots.Count == 0 || kind == 0)
        {
            var value = Values[random.Next(Values.Length)](random);
            log.Add($"body={Shorten(value?.ToJsonString(Deep) ?? "null", 40)}");
            return value;
        }
        var (parent, property, index) = slots[random.Next(slots.Count)];
        var where = property ?? $"[{index}]";
        switch (kind)
        {
            case 1 when property is not null:
                parent.AsObject().Remove(property);
                log.Add($"{where} left out");
                break;
            case 2 when parent is JsonObject added:
                added[$"extra{random.Next(100)}"] = Values[random.Next(Values.Length)](random);
                log.Add("a property added");
                break;
            default:
                var value = Values[random.Next(Values.Length)](random);
                if (property is not null) parent.AsObject()[property] = value;
                else parent.AsArray()[index] = value;
                log.Add($"{where}={Shorten(value?.ToJsonString(Deep) ?? "null", 40)}");
                break;
        }
        return body;
    }

    private static string Shorten(string text, int length = 300) => text.Length <= length ? text : $"{text[..length]}... ({text.Length} characters)";
}
