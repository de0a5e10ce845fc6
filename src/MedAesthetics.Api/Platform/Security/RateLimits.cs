using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using MedAesthetics.Api.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace MedAesthetics.Api.Platform.Security;

/// <summary>
/// Fixed one-minute windows on the routes an attacker would hammer. Each limited route names a policy; its number
/// (per minute, from configuration) applies to two buckets at once and both must have room:
/// the client address (the socket's, or the forwarded one from a trusted proxy, see <see cref="ForwardedProxies"/>;
/// IPv6 grouped by /64) and the caller: the signed-in user, or for the lead webhooks the presented key. Past the limit
/// the answer is 429 problem+json with Retry-After (seconds until the window turns).
/// </summary>
public static class RateLimits
{
    public const string Auth = "auth";
    public const string Refresh = "refresh";
    public const string Webhooks = "webhooks";
    public const string Redemption = "redemption";

    /// <summary>Policy, its variable, its default, and what the 429 says it counts.</summary>
    public static readonly IReadOnlyList<(string Policy, string Variable, int Default, string What)> Policies =
    [
        (Auth, "AUTH_RATE_LIMIT_PER_MINUTE", 10, "sign-in and registration requests"),
        (Refresh, "REFRESH_RATE_LIMIT_PER_MINUTE", 30, "token refreshes"),
        (Webhooks, "WEBHOOK_RATE_LIMIT_PER_MINUTE", 300, "lead intake requests"),
        (Redemption, "REDEEM_RATE_LIMIT_PER_MINUTE", 20, "redemptions"),
    ];

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = Policies.ToDictionary(p => p.Policy, p => (Limit: configuration.GetValue(p.Variable, p.Default), p.What));
        foreach (var (policy, variable, _, _) in Policies)
            if (limits[policy].Limit < 1)
                throw new InvalidOperationException($"{variable} must be at least 1.");

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            foreach (var (policy, (limit, _)) in limits)
                options.AddPolicy(policy, http => Window($"{policy}|address|{ClientAddress(http)}", limit));
            // The global limiter runs on every request; it counts only the routes of a policy, per caller.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName is { } policy
                && limits.TryGetValue(policy, out var limit) && CallerKey(http, policy) is { } caller
                    ? Window($"{policy}|caller|{caller}", limit.Limit)
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                var detail = policy is not null && limits.TryGetValue(policy, out var limit)
                    ? $"At most {limit.Limit} {limit.What} a minute are accepted from one address or one caller."
                    : "Too many requests.";
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = detail },
                });
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Window(string key, int limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        });

    /// <summary>The client address as the bucket sees it: IPv4 as is, IPv6 by its /64 (one subscriber's prefix).</summary>
    public static string ClientAddress(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The signed-in user; for the lead webhooks the presented key (hashed), so a leaked key is capped wherever it is used from.</summary>
    private static string? CallerKey(HttpContext http, string policy)
    {
        if (policy == Webhooks && http.Request.Headers.TryGetValue("X-Webhook-Key", out var key))
            return "key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..32];
        return Caller.FromPrincipal(http.User) is { } caller ? "user:" + caller.UserId : null;
    }
}
