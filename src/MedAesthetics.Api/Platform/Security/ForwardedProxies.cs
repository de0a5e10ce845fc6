using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MedAesthetics.Api.Platform.Security;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies of TRUSTED_PROXIES (addresses or CIDR
/// networks, comma-separated: <c>10.0.0.5,10.0.0.0/8,fd00::/8</c>). Without it nothing is believed, not even loopback
/// (ASP.NET Core's defaults trust loopback): the client address is the socket's, and the header cannot choose a
/// rate-limit bucket. Behind a chain of trusted proxies the client is the right-most address no trusted proxy added.
/// </summary>
public static class ForwardedProxies
{
    public const string Variable = "TRUSTED_PROXIES";

    public static ForwardedHeadersOptions? OptionsFrom(IConfiguration configuration)
    {
        var entries = (configuration[Variable] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
            return null;
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = null,
        };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var entry in entries)
        {
            if (entry.Contains('/'))
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(entry, out var network)
                    ? network
                    : throw new InvalidOperationException($"{Variable}: '{entry}' is not a CIDR network such as 10.0.0.0/8."));
            else
                options.KnownProxies.Add(IPAddress.TryParse(entry, out var address)
                    ? address
                    : throw new InvalidOperationException($"{Variable}: '{entry}' is not an IP address."));
        }
        return options;
    }

    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, IConfiguration configuration) =>
        OptionsFrom(configuration) is { } options ? app.UseForwardedHeaders(options) : app;
}
