using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace MedAesthetics.IntegrationTests.Infrastructure;

/// <summary>Reads metrics as Prometheus does: GET /metrics in the text exposition format.</summary>
public static class PrometheusText
{
    public static async Task<string> ScrapeAsync(ApiProcess api)
    {
        var response = await api.Client().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of the samples of a metric (whose labels contain the given one), or null when it is absent.</summary>
    public static double? Value(string exposition, string metric, string? label = null)
    {
        var samples = exposition.Split('\n')
            .Select(line => Regex.Match(line, $@"^{Regex.Escape(metric)}(\{{(?<labels>[^}}]*)\}})? (?<value>\S+)"))
            .Where(m => m.Success && (label is null || m.Groups["labels"].Value.Contains(label)))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .ToList();
        return samples.Count == 0 ? null : samples.Sum();
    }
}
