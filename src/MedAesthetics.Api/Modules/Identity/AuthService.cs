using MedAesthetics.Api.Contracts;
using System.Security.Cryptography;
using System.Text;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>Registration, sign-in with lockout, refresh-token rotation with reuse detection, and logout.</summary>
public sealed class AuthService(
    AppDbContext db,
    SessionCache sessions,
    IPasswordHasher<User> hasher,
    AccessTokenIssuer accessTokens,
    JwtSettings jwt,
    IPlatformSettings platformSettings,
    IReferralCodes referralCodes,
    ConsentService consents,
    IClock clock)
{
    // Verifying against this when the email is unknown keeps a failed login's timing the same either way.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<User>().HashPassword(null!, "not-a-real-password"));

    public async Task<Outcome<TokensResponse>> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken)
    {
        // The new user has no code yet, so a code that exists is always someone else's.
        if (!string.IsNullOrWhiteSpace(request.ReferralCode) && !await referralCodes.ExistsAsync(request.ReferralCode, cancellationToken))
            return Error.Invalid("referralCode", "There is no client with this referral code.");
        var settings = await platformSettings.GetAsync(cancellationToken);
        var details = new NewUser(
            request.Email, request.FirstName, request.LastName, UserRole.Client, request.Phone,
            request.Timezone ?? settings.DefaultTimezone, request.Locale ?? settings.DefaultLocale,
            TermsAcceptedAt: clock.GetCurrentInstant(),
            ReferralCode: request.ReferralCode);
        var created = await CreateUserAsync(details, request.Password, cancellationToken, signIn: true, beforeSave: user =>
        {
            consents.AddRegistrationConsents(user.Id, request.MarketingConsent ?? false);
            return Task.FromResult<Error?>(null);
        });
        return created.Succeeded ? created.Value.Tokens! : created.Error!;
    }

    /// <summary>Creates a user with its UserRegistered event in one transaction; a taken email answers 409.</summary>
    /// <param name="beforeSave">work of another module that must commit with the new user (joining a clinic); a problem it returns aborts the creation.</param>
    public async Task<Outcome<(User User, TokensResponse? Tokens)>> CreateUserAsync(
        NewUser details, string password, CancellationToken cancellationToken, bool signIn = false,
        Func<User, Task<Error?>>? beforeSave = null)
    {
        var email = User.NormalizeEmail(details.Email);
        if (await db.Set<User>().IgnoreQueryFilters().AnyAsync(u => u.Email == email, cancellationToken))
            return EmailTaken();

        var user = User.Create(details, "");
        user.ChangePasswordHash(hasher.HashPassword(user, password));
        db.Set<User>().Add(user);
        db.Publish(new UserRegistered(user.Id, user.Email, user.FirstName, user.Role, user.Locale, user.ReferredByCode));
        var tokens = signIn ? StartSession(user) : null;
        if (beforeSave is not null && await beforeSave(user) is { } problem)
        {
            db.ChangeTracker.Clear();
            return problem;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two registrations of one email raced past the check above; the unique index chose the winner.
            return EmailTaken();
        }
        return (user, tokens?.For(user));
    }

    public async Task<Outcome<TokensResponse>> LoginAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        var email = User.NormalizeEmail(request.Email);
        var user = await db.Set<User>().SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        var now = clock.GetCurrentInstant();
        if (user is null || !user.CanSignIn)
        {
            hasher.VerifyHashedPassword(null!, DummyHash.Value, request.Password);
            return WrongCredentials();
        }
        if (user.IsLockedOut(now))
            return Locked(user.LockedUntil!.Value, now);

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var lockedUntil = await RecordFailedLoginAsync(user.Id, now, cancellationToken);
            return lockedUntil is { } until ? Locked(until, now) : WrongCredentials();
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            user.ChangePasswordHash(hasher.HashPassword(user, request.Password));
        user.RecordSuccessfulLogin(now);
        var tokens = StartSession(user);
        await db.SaveChangesAsync(cancellationToken);
        return tokens.For(user);
    }

    /// <summary>Counts a failure atomically in the database, so concurrent wrong guesses cannot slip past the limit; returns the lock end when this failure locks the account.</summary>
    private async Task<Instant?> RecordFailedLoginAsync(Guid userId, Instant now, CancellationToken cancellationToken)
    {
        var lockUntil = now + User.LockoutLength;
        var lockedUntil = await db.Database.SqlQuery<Instant?>($"""
            UPDATE users
            SET failed_login_count = CASE WHEN failed_login_count + 1 >= {User.MaxFailedLogins} THEN 0 ELSE failed_login_count + 1 END,
                locked_until = CASE WHEN failed_login_count + 1 >= {User.MaxFailedLogins} THEN {lockUntil} ELSE locked_until END,
                updated_at = {now}
            WHERE id = {userId}
            RETURNING locked_until AS "Value"
            """).ToListAsync(cancellationToken);
        return lockedUntil.FirstOrDefault() is { } until && until > now ? until : null;
    }

    /// <summary>
    /// Rotation: the presented token is spent by one conditional UPDATE (of concurrent uses exactly one wins) and its
    /// successor is derived from it (<see cref="RefreshTokenSuccession"/>). A spent token presented again revokes the
    /// family, unless it comes within refreshReuseGraceSeconds of the rotation while its successor is still unspent and
    /// the family alive: then it answers the same pair the rotation answered (docs/rules.md, "Refresh reuse grace").
    /// </summary>
    public async Task<Outcome<TokensResponse>> RefreshAsync(string presentedToken, CancellationToken cancellationToken)
    {
        // Whole seconds: the rotation's instant is stored as the spent token's ConsumedAt and is the successor access
        // token's issue time, so a replay signs the very same JWT from what the database holds.
        var now = Instant.FromUnixTimeSeconds(clock.GetCurrentInstant().ToUnixTimeSeconds());
        var hash = HashToken(presentedToken);
        var token = await db.Set<RefreshToken>().AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null)
            return InvalidRefreshToken();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Spending is one conditional UPDATE: of two concurrent uses of one token exactly one wins; a loser waits for
        // the winner's commit, so it sees the spent token and its successor.
        var spent = await db.Set<RefreshToken>()
            .Where(t => t.Id == token.Id && t.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now).SetProperty(t => t.UpdatedAt, now), cancellationToken);
        if (spent == 0)
        {
            var replay = await ReplayWithinGraceAsync(presentedToken, token.Id, cancellationToken);
            if (replay is not null)
            {
                await transaction.CommitAsync(cancellationToken);
                return replay;
            }
            await RevokeSessionsAsync(s => s.Id == token.SessionId, RevocationReasons.Reuse, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Error.Unauthorized("This refresh token was already used. Every session token of its family has been revoked; sign in again.");
        }

        var session = await db.Set<AuthSession>().SingleAsync(s => s.Id == token.SessionId, cancellationToken);
        var user = await db.Set<User>().SingleOrDefaultAsync(u => u.Id == token.UserId, cancellationToken);
        if (session.RevokedAt is not null || token.ExpiresAt <= now || user is null || !user.CanSignIn)
        {
            await transaction.CommitAsync(cancellationToken);
            return InvalidRefreshToken();
        }

        var successor = RefreshTokenSuccession.Successor(jwt.SigningKey, presentedToken);
        var row = RefreshToken.Issue(session.Id, user.Id, HashToken(successor), now + Duration.FromTimeSpan(jwt.RefreshTokenLifetime));
        db.Set<RefreshToken>().Add(row);
        var tokens = SuccessorTokens(user, row, successor, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return tokens.For(user);
    }

    /// <summary>
    /// The pair the rotation of a spent token answered, when the grace allows it: the token was spent at most
    /// refreshReuseGraceSeconds ago, its successor exists, is unspent and unexpired, and the family and the user are
    /// still good. Null otherwise, and the caller revokes the family.
    /// </summary>
    private async Task<TokensResponse?> ReplayWithinGraceAsync(string presentedToken, Guid spentId, CancellationToken cancellationToken)
    {
        var grace = (await platformSettings.GetAsync(cancellationToken)).RefreshReuseGraceSeconds;
        if (grace <= 0)
            return null;
        var now = clock.GetCurrentInstant();
        var spentAt = await db.Set<RefreshToken>().Where(t => t.Id == spentId).Select(t => t.ConsumedAt).SingleAsync(cancellationToken);
        if (spentAt is not { } rotatedAt || now - rotatedAt > Duration.FromSeconds(grace))
            return null;

        var successor = RefreshTokenSuccession.Successor(jwt.SigningKey, presentedToken);
        var successorHash = HashToken(successor);
        var row = await db.Set<RefreshToken>().AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == successorHash, cancellationToken);
        if (row is null || row.ConsumedAt is not null || row.ExpiresAt <= now)
            return null;
        var alive = await db.Set<AuthSession>().AnyAsync(s => s.Id == row.SessionId && s.RevokedAt == null, cancellationToken);
        var user = await db.Set<User>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == row.UserId, cancellationToken);
        return alive && user is { CanSignIn: true } ? SuccessorTokens(user, row, successor, rotatedAt).For(user) : null;
    }

    /// <summary>The access token of a rotation is a function of the successor row (its id as jti) and the rotation instant, so a replay reproduces it.</summary>
    private IssuedTokens SuccessorTokens(User user, RefreshToken successorRow, string successor, Instant rotatedAt)
    {
        var (accessToken, expiresIn) = accessTokens.Issue(user.Id, user.Role, user.Email, successorRow.SessionId, rotatedAt, successorRow.Id);
        return new IssuedTokens(accessToken, successor, expiresIn);
    }

    /// <summary>Revokes the caller's current session and the family of the presented token when it is the caller's.</summary>
    public async Task LogoutAsync(Caller caller, string presentedToken, CancellationToken cancellationToken)
    {
        var hash = HashToken(presentedToken);
        var family = await db.Set<RefreshToken>()
            .Where(t => t.TokenHash == hash && t.UserId == caller.UserId)
            .Select(t => (Guid?)t.SessionId)
            .SingleOrDefaultAsync(cancellationToken);
        await RevokeSessionsAsync(s => s.UserId == caller.UserId && (s.Id == caller.SessionId || s.Id == family), RevocationReasons.Logout, cancellationToken);
    }

    private async Task<int> RevokeSessionsAsync(System.Linq.Expressions.Expression<Func<AuthSession, bool>> which, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var revoked = await db.Set<AuthSession>().Where(which).Where(s => s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason).SetProperty(x => x.UpdatedAt, now), cancellationToken);
        sessions.LocalChangeSaved();   // this node's next requests re-check (see SessionCache)
        return revoked;
    }

    /// <summary>Tokens are minted before SaveChanges; the response is shaped after it, when the user row has its timestamps.</summary>
    private sealed record IssuedTokens(string AccessToken, string RefreshToken, int ExpiresIn)
    {
        public TokensResponse For(User user) => new(AccessToken, RefreshToken, "Bearer", ExpiresIn, UserResponse.From(user));
    }

    /// <summary>A sign-in starts a family with a random refresh token; its rotations derive their successors.</summary>
    private IssuedTokens StartSession(User user)
    {
        var session = AuthSession.Start(user.Id);
        db.Set<AuthSession>().Add(session);
        var refreshToken = RefreshTokenSuccession.Base64Url(RandomNumberGenerator.GetBytes(32));
        var expiresAt = clock.GetCurrentInstant() + Duration.FromTimeSpan(jwt.RefreshTokenLifetime);
        db.Set<RefreshToken>().Add(RefreshToken.Issue(session.Id, user.Id, HashToken(refreshToken), expiresAt));
        var (accessToken, expiresIn) = accessTokens.Issue(user.Id, user.Role, user.Email, session.Id);
        return new IssuedTokens(accessToken, refreshToken, expiresIn);
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static Error EmailTaken() => Error.Conflict("An account with this email already exists.");
    private static Error WrongCredentials() => Error.Unauthorized("The email or password is wrong.");
    private static Error InvalidRefreshToken() => Error.Unauthorized("The refresh token is invalid, expired or revoked; sign in again.");

    private static Error Locked(Instant until, Instant now)
    {
        var minutes = (int)Math.Ceiling((until - now).TotalMinutes);
        return Error.Locked($"Too many failed sign-ins. The account is locked for {minutes} more minute(s).");
    }
}
