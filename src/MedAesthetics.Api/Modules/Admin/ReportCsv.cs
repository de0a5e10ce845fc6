using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using MedAesthetics.Api.Platform.Http;

namespace MedAesthetics.Api.Modules.Admin;

/// <summary>
/// The report as CSV: one row per figure, "metric,value", the metric being the figure's path in the JSON answer
/// (leads.bySource.facebook, campaigns[0].spend), so the two always say the same.
/// </summary>
public static class ReportCsv
{
    public static string Write(ReportResponse report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        csv.WriteField("metric");
        csv.WriteField("value");
        csv.NextRecord();
        foreach (var (metric, value) in Flatten(JsonSerializer.SerializeToNode(report, ApiJson.Options), ""))
        {
            csv.WriteField(metric);
            csv.WriteField(value);
            csv.NextRecord();
        }
        csv.Flush();
        return text.ToString();
    }

    /// <summary>Every leaf of a JSON value with its path; null is an empty value.</summary>
    public static IEnumerable<(string Metric, string Value)> Flatten(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                    foreach (var leaf in Flatten(child, path.Length == 0 ? key : $"{path}.{key}"))
                        yield return leaf;
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    foreach (var leaf in Flatten(array[i], $"{path}[{i}]"))
                        yield return leaf;
                break;
            case JsonValue value:
                yield return (path, value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString());
                break;
            default:
                yield return (path, "");
                break;
        }
    }
}
