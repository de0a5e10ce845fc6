using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>
/// GDPR for one person: the export gathers the account, its consents and every module's section (IPersonalDataSource);
/// the erasure anonymises the account, asks every module to erase its share, revokes every session and writes one
/// audit entry of the erasure, all in one transaction.
/// </summary>
public sealed class PersonalDataService(
    AppDbContext db,
    SessionCache sessions,
    IEnumerable<IPersonalDataSource> sources,
    IPasswordHasher<User> hasher,
    ConsentService consents,
    IAuditTrail audit,
    ChangeActor actor,
    IClock clock)
{
    public async Task<Outcome<Dictionary<string, object?>>> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Set<User>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
            return Error.NotFound("The account no longer exists.");
        var subject = new DataSubject(user.Id, user.Email, user.Phone, user.FirstName, user.LastName);
        var document = new Dictionary<string, object?>
        {
            ["exportedAt"] = clock.GetCurrentInstant(),
            ["profile"] = new
            {
                user.Id, user.Email, user.Role, user.FirstName, user.LastName, user.Phone, user.Timezone, user.Locale,
                user.CreatedAt, user.LastLoginAt, user.TermsAcceptedAt, user.ReferredByCode,
            },
            ["consents"] = (await consents.ListAsync(user.Id, cancellationToken)).History,
        };
        foreach (var source in sources.OrderBy(s => s.Section, StringComparer.Ordinal))
            document[source.Section] = await source.ExportAsync(subject, cancellationToken);
        return document;
    }

    /// <summary>The caller's own erasure, confirmed with its password (a wrong one answers 403 and changes nothing).</summary>
    public async Task<Outcome<ErasureResponse>> EraseSelfAsync(Guid userId, string password, CancellationToken cancellationToken)
    {
        var user = await db.Set<User>().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
            return Error.NotFound("The account no longer exists.");
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
            return Error.Forbidden("The password is wrong; the account was not deleted.");
        return await EraseAsync(user, cancellationToken);
    }

    /// <summary>An erasure requested by other means, carried out by an admin.</summary>
    public async Task<Outcome<ErasureResponse>> EraseByAdminAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Set<User>().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is null ? Error.NotFound("There is no such user.") : await EraseAsync(user, cancellationToken);
    }

    private async Task<ErasureResponse> EraseAsync(User user, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var subject = new DataSubject(user.Id, user.Email, user.Phone, user.FirstName, user.LastName);
        var personal = PersonalDataPattern.For([user.Email, user.Phone, user.FirstName, user.LastName]);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The automatic trail would copy the very values being erased into new entries: this one writes its own.
        using (actor.SuppressAutomaticAudit())
        {
            foreach (var source in sources)
                await source.EraseAsync(subject, cancellationToken);

            user.Erase(now);
            await db.Set<Consent>().Where(c => c.UserId == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.IpAddress, (string?)null), cancellationToken);
            await db.Set<AuthSession>().Where(s => s.UserId == user.Id && s.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, RevocationReasons.Erasure).SetProperty(x => x.UpdatedAt, now), cancellationToken);
            await db.Set<RefreshToken>().Where(t => t.UserId == user.Id && t.ConsumedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now).SetProperty(t => t.UpdatedAt, now), cancellationToken);
            await db.ScrubPersonalDataAsync(personal, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        await audit.WriteAsync(new AuditRecord("erase", "user", user.Id, SubjectId: user.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        sessions.LocalChangeSaved();   // the erased user's sessions end at once on this node (see SessionCache)
        return new ErasureResponse(user.Id, now);
    }
}
