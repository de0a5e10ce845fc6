using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedAesthetics.Api.Contracts;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>Ad webhooks: the shared key, and the Facebook Lead Ads payload mapped to a lead.</summary>
public static class LeadWebhooks
{
    public const string KeyHeader = "X-Webhook-Key";

    /// <summary>Compares SHA-256 digests in constant time, so neither the key's content nor its length leaks through timing.</summary>
    public static bool KeyMatches(string? presented, string? configured)
    {
        if (string.IsNullOrEmpty(configured) || presented is null)
            return false;
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(configured));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>Facebook's object ids are decimal strings; longer ones than this are not ids.</summary>
    public const int MaxFacebookIdLength = 64;

    public sealed record FacebookLead(string? LeadgenId, string? Platform, IReadOnlyDictionary<string, string> Fields, string? AdId = null, string? FormId = null);

    /// <summary>A leadgen change that carries ids only (what Facebook really sends): its fields must be fetched from the Graph API.</summary>
    public sealed record LeadgenNotice(string LeadgenId, string? PageId, string? FormId, string? AdId, string? AdgroupId, long? CreatedTime);

    /// <summary>
    /// Reads the ids-only leadgen changes of a webhook envelope ({"entry": [{"changes": [{"field": "leadgen", "value":
    /// {"leadgen_id", "page_id", "form_id", "ad_id", "adgroup_id", "created_time"}}]}]}); changes that carry field_data
    /// are left to <see cref="ReadFacebook"/>. Ids must be decimal strings, as Facebook sends them; a change whose ids are
    /// not is reported as a problem rather than recorded.
    /// </summary>
    public static (IReadOnlyList<LeadgenNotice> Notices, IReadOnlyList<string> Problems) ReadLeadgenNotices(JsonElement root)
    {
        var notices = new List<LeadgenNotice>();
        var problems = new List<string>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
            return (notices, problems);
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
                continue;
            foreach (var change in changes.EnumerateArray())
            {
                if (change.ValueKind != JsonValueKind.Object || !change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object
                    || value.TryGetProperty("field_data", out _) || !value.TryGetProperty("leadgen_id", out _))
                    continue;
                if (change.TryGetProperty("field", out var field) && !(field.ValueKind == JsonValueKind.String && field.GetString() == "leadgen"))
                    continue;
                var ids = new Dictionary<string, string?>();
                foreach (var name in new[] { "leadgen_id", "page_id", "form_id", "ad_id", "adgroup_id" })
                {
                    if (!value.TryGetProperty(name, out var id) || id.ValueKind == JsonValueKind.Null && name != "leadgen_id")
                        continue;
                    if (id.ValueKind != JsonValueKind.String || !IsFacebookId(id.GetString()))
                        problems.Add($"{name} must be a Facebook id (a string of digits).");
                    else
                        ids[name] = id.GetString();
                }
                long? createdTime = null;
                if (value.TryGetProperty("created_time", out var created) && created.ValueKind != JsonValueKind.Null)
                {
                    if (created.ValueKind == JsonValueKind.Number && created.TryGetInt64(out var seconds) && seconds is >= 0 and < 32_503_680_000)
                        createdTime = seconds;
                    else
                        problems.Add("created_time must be a Unix time in seconds.");
                }
                if (ids.TryGetValue("leadgen_id", out var leadgenId) && problems.Count == 0)
                    notices.Add(new LeadgenNotice(leadgenId!, ids.GetValueOrDefault("page_id"), ids.GetValueOrDefault("form_id"),
                        ids.GetValueOrDefault("ad_id"), ids.GetValueOrDefault("adgroup_id"), createdTime));
            }
        }
        return (notices, problems);
    }

    public static bool IsFacebookId(string? text) =>
        text is { Length: > 0 and <= MaxFacebookIdLength } && text.All(char.IsAsciiDigit);

    /// <summary>
    /// Reads the leads out of what Facebook delivers: a Graph lead object ({"id", "field_data": [{"name","values"}]}),
    /// a list of them ({"data": [...]}), or the webhook envelope ({"entry": [{"changes": [{"value": {...}}]}]}) whose
    /// value carries field_data.
    /// </summary>
    public static IReadOnlyList<FacebookLead> ReadFacebook(JsonElement root)
    {
        var leads = new List<FacebookLead>();
        void Visit(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Object)
                return;
            if (element.TryGetProperty("field_data", out var fieldData) && fieldData.ValueKind == JsonValueKind.Array)
            {
                var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var field in fieldData.EnumerateArray())
                {
                    if (field.ValueKind != JsonValueKind.Object || !field.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                        continue;
                    if (field.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array)
                    {
                        var first = values.EnumerateArray().FirstOrDefault(v => v.ValueKind == JsonValueKind.String);
                        if (first.ValueKind == JsonValueKind.String)
                            fields[name.GetString()!] = first.GetString()!;
                    }
                }
                leads.Add(new FacebookLead(Text(element, "leadgen_id") ?? Text(element, "id"), Text(element, "platform"), fields,
                    Text(element, "ad_id"), Text(element, "form_id")));
                return;
            }
            foreach (var container in new[] { "entry", "changes", "data" })
                if (element.TryGetProperty(container, out var list) && list.ValueKind == JsonValueKind.Array)
                    foreach (var item in list.EnumerateArray())
                        Visit(item);
            if (element.TryGetProperty("value", out var value))
                Visit(value);
        }
        Visit(root);
        return leads;
    }

    public static CreateLeadRequest ToRequest(FacebookLead lead, Guid? clinicId, Guid? campaignId)
    {
        var f = lead.Fields;
        string? Get(params string[] names) => names.Select(n => f.GetValueOrDefault(n)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        var first = Get("first_name");
        var last = Get("last_name");
        if (first is null && Get("full_name", "name") is { } full)
        {
            var parts = full.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            first = parts.ElementAtOrDefault(0);
            last ??= parts.ElementAtOrDefault(1);
        }
        var source = string.Equals(lead.Platform, "ig", StringComparison.OrdinalIgnoreCase) || string.Equals(lead.Platform, "instagram", StringComparison.OrdinalIgnoreCase)
            ? LeadSource.Instagram
            : LeadSource.Facebook;
        var notes = string.Join("; ", f.Where(kv => !Known.Contains(kv.Key)).Select(kv => $"{kv.Key}: {kv.Value}"));
        return new CreateLeadRequest(first ?? "", last, Get("email"), Get("phone_number", "phone"), source, clinicId, campaignId,
            notes.Length == 0 ? null : notes[..Math.Min(notes.Length, 4000)], null);
    }

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase) { "first_name", "last_name", "full_name", "name", "email", "phone_number", "phone" };

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
