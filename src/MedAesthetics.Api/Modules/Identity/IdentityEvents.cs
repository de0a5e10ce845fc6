using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Outbox;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>Raised when a user account is created, by registration or by an admin.</summary>
public sealed record UserRegistered(Guid UserId, string Email, string FirstName, UserRole Role, string Locale, string? ReferralCode) : IIntegrationEvent;
