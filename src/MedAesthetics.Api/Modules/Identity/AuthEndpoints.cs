using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Security;
using MedAesthetics.Api.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Modules.Identity;

public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/auth").WithTags("Authentication").WithValidation();

        auth.MapPost("/register", async Task<Results<Created<TokensResponse>, ProblemHttpResult>> (RegisterRequest request, AuthService service, CancellationToken ct) =>
                (await service.RegisterAsync(request, ct)).ToResult(tokens => TypedResults.Created("/users/me", tokens)))
            .AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .WithName("register")
            .WithSummary("Register a client account and sign in")
            .ProducesValidationProblem().ProducesProblem(409).ProducesProblem(429);

        auth.MapPost("/login", async Task<Results<Ok<TokensResponse>, ProblemHttpResult>> (LoginRequest request, AuthService service, CancellationToken ct) =>
                (await service.LoginAsync(request, ct)).ToResult(TypedResults.Ok))
            .AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .WithName("login")
            .WithSummary("Sign in; 5 wrong passwords in a row lock the account for 15 minutes (423)")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(423).ProducesProblem(429);

        auth.MapPost("/refresh", async Task<Results<Ok<TokensResponse>, ProblemHttpResult>> (RefreshRequest request, AuthService service, CancellationToken ct) =>
                (await service.RefreshAsync(request.RefreshToken, ct)).ToResult(TypedResults.Ok))
            .AllowAnonymous().RequireRateLimiting(RateLimits.Refresh)
            .WithName("refreshTokens")
            .WithSummary("Exchange a refresh token for new tokens; the old one is spent, and spending it twice revokes its family (within refreshReuseGraceSeconds it returns the same new pair)")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(429);

        auth.MapPost("/logout", async Task<NoContent> (RefreshRequest request, Caller caller, AuthService service, CancellationToken ct) =>
            {
                await service.LogoutAsync(caller, request.RefreshToken, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization()
            .WithName("logout")
            .WithSummary("Revoke this session's refresh-token family")
            .ProducesValidationProblem().ProducesProblem(401);
    }
}
