namespace MedAesthetics.Api.Modules.Webhooks;

/// <summary>
/// The outgoing webhooks' environment (read once at start-up): https required in Production, loopback receivers only
/// with WEBHOOKS_ALLOW_LOOPBACK=true (tests and local use), the per-attempt timeout WEBHOOKS_TIMEOUT_SECONDS (10).
/// Private, link-local and other internal addresses are never allowed.
/// </summary>
public sealed record WebhookOptions(bool RequireHttps, bool AllowLoopback, TimeSpan Timeout)
{
    public static WebhookOptions FromConfiguration(IConfiguration configuration, IHostEnvironment environment) => new(
        RequireHttps: environment.IsProduction(),
        AllowLoopback: bool.TryParse(configuration["WEBHOOKS_ALLOW_LOOPBACK"], out var loopback) && loopback,
        Timeout: TimeSpan.FromSeconds(int.TryParse(configuration["WEBHOOKS_TIMEOUT_SECONDS"], out var seconds) && seconds is > 0 and <= 60 ? seconds : 10));
}
