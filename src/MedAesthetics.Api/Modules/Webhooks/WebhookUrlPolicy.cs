using System.Net;
using System.Net.Sockets;

namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>Thrown from the HTTP client's connect step when the address a webhook would reach is not allowed.</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);

/// <summary>
/// Where a webhook may point (SSRF): an absolute http(s) URL (https only in Production) without user info, whose host
/// is not an internal address. <see cref="CheckShape"/> is the pure part (literal IPs included); <see cref="CheckAsync"/>
/// also resolves a name and refuses it when any of its addresses is internal. The connect step of the HTTP client checks
/// the address it actually connects to again (<see cref="ConnectAsync"/>), so a name re-pointed after registration
/// (DNS rebinding) is refused too.
/// </summary>
public sealed class WebhookUrlPolicy(WebhookOptions options)
{
    public const int MaxUrlLength = 2000;

    /// <returns>Why the URL is refused, or null.</returns>
    public static string? CheckShape(string url, bool requireHttps, bool allowLoopback)
    {
        if (url.Length > MaxUrlLength)
            return $"The URL must be at most {MaxUrlLength} characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            return "The URL must be absolute (https://host/path).";
        if (uri.Scheme != Uri.UriSchemeHttps && (requireHttps || uri.Scheme != Uri.UriSchemeHttp))
            return requireHttps ? "The URL must use https." : "The URL must use https (or http outside Production).";
        if (uri.UserInfo.Length > 0)
            return "The URL must not carry a user name or password.";
        if (uri.Fragment.Length > 0)
            return "The URL must not have a fragment.";
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.DnsSafeHost, out var literal))
            return Refusal(literal, allowLoopback);
        var host = uri.DnsSafeHost.TrimEnd('.').ToLowerInvariant();
        if (!allowLoopback && (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal)))
            return "The URL must not point at this machine (localhost).";
        return null;
    }

    /// <summary>The shape, and for a name the addresses it resolves to now; a name that does not resolve yet is accepted (the send checks again).</summary>
    public async Task<string?> CheckAsync(string url, CancellationToken cancellationToken)
    {
        if (CheckShape(url, options.RequireHttps, options.AllowLoopback) is { } refused)
            return refused;
        var uri = new Uri(url);
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
            return null;
        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        return addresses.Select(a => Refusal(a, options.AllowLoopback)).FirstOrDefault(r => r is not null);
    }

    private static string? Refusal(IPAddress address, bool allowLoopback) => AddressClassifier.Classify(address) switch
    {
        AddressKind.Public => null,
        AddressKind.Loopback when allowLoopback => null,
        AddressKind.Loopback => $"The URL must not point at this machine ({address}).",
        _ => $"The URL must not point at a private, link-local or reserved address ({address}).",
    };

    /// <summary>
    /// SocketsHttpHandler.ConnectCallback: resolves the host, refuses when any address is not allowed, and connects to
    /// the addresses it checked, so what is checked is what is reached.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
            throw new WebhookAddressRefusedException($"{host} does not resolve.");
        if (addresses.Select(a => Refusal(a, options.AllowLoopback)).FirstOrDefault(r => r is not null) is { } refused)
            throw new WebhookAddressRefusedException($"Refused to connect to {host}: {refused}");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
