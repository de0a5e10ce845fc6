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

    public sealed record FacebookLead(string? LeadgenId, string? Platform, IReadOnlyDictionary<string, string> Fields);

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
                leads.Add(new FacebookLead(Text(element, "leadgen_id") ?? Text(element, "id"), Text(element, "platform"), fields));
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
