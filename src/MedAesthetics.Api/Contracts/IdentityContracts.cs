using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Outbox;

namespace MedAesthetics.Api.Contracts;

/// <summary>Raised when a user account is created, by registration or by an admin.</summary>
public sealed record UserRegistered(Guid UserId, string Email, string FirstName, UserRole Role, string Locale, string? ReferralCode) : IIntegrationEvent;

public sealed record UserSummary(Guid Id, UserRole Role, string Email, string FirstName, string LastName, string? Phone, string Timezone, string Locale, bool IsActive);

/// <summary>What other modules may ask the Identity module about users.</summary>
public interface IUserDirectory
{
    Task<IReadOnlyDictionary<Guid, UserSummary>> FindAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);
    Task<UserSummary?> FindByEmailAsync(string email, CancellationToken cancellationToken);
    /// <summary>Ids of active users with the role.</summary>
    Task<IReadOnlyList<Guid>> ActiveInRoleAsync(UserRole role, CancellationToken cancellationToken);
}

public static class UserDirectoryExtensions
{
    public static async Task<UserSummary?> FindAsync(this IUserDirectory directory, Guid userId, CancellationToken cancellationToken) =>
        (await directory.FindAsync([userId], cancellationToken)).GetValueOrDefault(userId);
}

/// <summary>
/// Marketing consent as Identity's consent records hold it: every decision is a record, the latest per user is in
/// force. Notifications reads it before sending marketing and writes it when a user flips the "marketing" preference.
/// </summary>
public interface IMarketingConsent
{
    /// <summary>The users among these whose latest marketing decision is a grant.</summary>
    Task<IReadOnlySet<Guid>> GrantedAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);

    /// <summary>Adds a marketing decision for the current document version to the caller's unit of work (saved by its SaveChanges).</summary>
    void Record(Guid userId, bool granted);
}
