using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace MedAesthetics.Api.Platform.Auth;

/// <summary>Says whether the refresh-token family behind an access token is still alive, so logout takes effect at once.</summary>
public interface ISessionValidator
{
    Task<bool> IsActiveAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken);
}

public static class AuthSetup
{
    public const string DashboardPath = "/jobs";
    public const string DashboardTokenCookie = "jobs_access_token";

    public static IServiceCollection AddPlatformAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, bool serving = true)
    {
        var settings = JwtSettings.FromConfiguration(configuration, environment, serving);
        services.AddSingleton(settings);
        services.AddSingleton<AccessTokenIssuer>();
        services.AddScoped<AccessScopeProvider>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = JwtSettings.Issuer,
                    ValidAudience = JwtSettings.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(settings.SigningKey),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = AccessTokenClaims.Subject,
                    RoleClaimType = AccessTokenClaims.Role,
                    // Lifetime is checked in OnTokenValidated against the injected clock, with 5 seconds of skew
                    // (the library default of 5 minutes would let a 15-minute token live 20).
                    ValidateLifetime = false,
                };
                options.Events = new JwtBearerEvents
                {
                    // A browser cannot send a bearer header to the job dashboard: it may pass ?access_token= once,
                    // which is kept in an HttpOnly cookie scoped to /jobs for the dashboard's own requests.
                    OnMessageReceived = context =>
                    {
                        var request = context.HttpContext.Request;
                        if (!request.Path.StartsWithSegments(DashboardPath) || request.Headers.Authorization.Count > 0)
                            return Task.CompletedTask;
                        if (request.Query.TryGetValue("access_token", out var fromQuery) && !string.IsNullOrEmpty(fromQuery))
                        {
                            context.Token = fromQuery;
                            context.HttpContext.Response.Cookies.Append(DashboardTokenCookie, fromQuery!, new CookieOptions
                            {
                                HttpOnly = true, SameSite = SameSiteMode.Strict, Path = DashboardPath, Secure = request.IsHttps,
                            });
                        }
                        else if (request.Cookies.TryGetValue(DashboardTokenCookie, out var fromCookie))
                        {
                            context.Token = fromCookie;
                        }
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        var services = context.HttpContext.RequestServices;
                        var clock = services.GetRequiredService<IClock>();
                        var caller = Caller.FromPrincipal(context.Principal!);
                        var now = clock.GetCurrentInstant().ToDateTimeUtc();
                        var token = context.SecurityToken;
                        if (caller is null || now > token.ValidTo.AddSeconds(5) || now < token.ValidFrom.AddSeconds(-5))
                        {
                            context.Fail("The access token has expired.");
                            return;
                        }
                        var sessions = services.GetRequiredService<ISessionValidator>();
                        var aborted = context.HttpContext.RequestAborted;
                        try
                        {
                            if (!await sessions.IsActiveAsync(caller.SessionId, caller.UserId, aborted))
                                context.Fail("The session has ended.");
                        }
                        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
                        {
                            // The client went away while its session was being checked: nobody reads the answer, and
                            // letting the exception out would have the bearer handler log it as an error.
                            context.Fail("The request was aborted before its session was checked.");
                        }
                    },
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(UserRole.Admin.Name()))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Enum.GetValues<UserRole>().Where(r => r.IsStaff()).Select(r => r.Name())))
            .AddPolicy(Policies.AdminOrClinicOwner, p => p.RequireRole(UserRole.Admin.Name(), UserRole.ClinicOwner.Name()));

        return services;
    }
}
