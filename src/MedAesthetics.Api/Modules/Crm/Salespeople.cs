using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>The CRM's one rule for who may own leads and campaigns: an active salesperson.</summary>
public static class Salespeople
{
    public static async Task<bool> IsActiveSalespersonAsync(this IUserDirectory users, Guid userId, CancellationToken ct) =>
        await users.FindAsync(userId, ct) is { Role: UserRole.Salesperson, IsActive: true };
}
