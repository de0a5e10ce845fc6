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
