using System.Net;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MedAesthetics.IntegrationTests.Security;

/// <summary>
/// The in-memory test server has no socket, so no client address. This plays the socket: the test-only header
/// X-Test-Peer becomes the connection's remote address before the API's pipeline runs (the API never reads it).
/// </summary>
public static class PeerAddress
{
    public const string Header = "X-Test-Peer";

    public static ApiFactory WithPeerAddresses(this ApiFactory api) =>
        api.WithServices(services => services.AddSingleton<IStartupFilter, PeerFilter>());

    public static HttpRequestMessage From(this HttpRequestMessage request, string peer)
    {
        request.Headers.Add(Header, peer);
        return request;
    }

    private sealed class PeerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                    context.Request.Headers.Remove(Header);
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
