using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Persistence;
using NodaTime;

namespace MedAesthetics.Api.Modules.Identity;

/// <summary>A person who signs in: a client or a member of staff. Email is unique case-insensitively (citext + unique index).</summary>
public sealed class User : Entity, ISoftDeletable
{
    public const int MaxFailedLogins = 5;
    public static readonly Duration LockoutLength = Duration.FromMinutes(15);

    private User() { }

    public string Email { get; private set; } = "";
    [Secret]
    public string PasswordHash { get; private set; } = "";
    public UserRole Role { get; private set; }
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public string? Phone { get; private set; }
    public string Timezone { get; private set; } = "";
    public string Locale { get; private set; } = "";
    public bool IsActive { get; private set; } = true;
    public int FailedLoginCount { get; private set; }
    public Instant? LockedUntil { get; private set; }
    public Instant? LastLoginAt { get; private set; }
    public Instant? TermsAcceptedAt { get; private set; }
    /// <summary>The referral code given at registration, kept for the Loyalty module's referral rule.</summary>
    public string? ReferredByCode { get; private set; }
    public Instant? DeletedAt { get; private set; }

    public static User Create(NewUser details, string passwordHash) => new()
    {
        Email = NormalizeEmail(details.Email),
        PasswordHash = passwordHash,
        Role = details.Role,
        FirstName = details.FirstName.Trim(),
        LastName = details.LastName.Trim(),
        Phone = string.IsNullOrWhiteSpace(details.Phone) ? null : details.Phone.Trim(),
        Timezone = details.Timezone,
        Locale = details.Locale,
        TermsAcceptedAt = details.TermsAcceptedAt,
        ReferredByCode = string.IsNullOrWhiteSpace(details.ReferralCode) ? null : details.ReferralCode.Trim(),
    };

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public bool IsLockedOut(Instant now) => LockedUntil is { } until && until > now;

    public bool CanSignIn => IsActive && DeletedAt is null;

    public void RecordSuccessfulLogin(Instant now)
    {
        FailedLoginCount = 0;
        LockedUntil = null;
        LastLoginAt = now;
    }

    public void UpdateProfile(ProfileChanges changes)
    {
        if (changes.FirstName is not null) FirstName = changes.FirstName.Trim();
        if (changes.LastName is not null) LastName = changes.LastName.Trim();
        if (changes.Phone is not null) Phone = changes.Phone.Trim().Length == 0 ? null : changes.Phone.Trim();
        if (changes.Timezone is not null) Timezone = changes.Timezone;
        if (changes.Locale is not null) Locale = changes.Locale;
    }

    public void ChangePasswordHash(string passwordHash) => PasswordHash = passwordHash;

    /// <summary>GDPR erasure: the row stays (appointments and ledger entries point at it) with nothing personal left, and can never sign in.</summary>
    public void Erase(Instant now)
    {
        Email = $"erased-{Id:N}@erased.invalid";
        PasswordHash = "!";
        FirstName = "Erased";
        LastName = "User";
        Phone = null;
        ReferredByCode = null;
        IsActive = false;
        LastLoginAt = null;
        DeletedAt = now;
    }
}

public sealed record NewUser(
    string Email,
    string FirstName,
    string LastName,
    UserRole Role,
    string? Phone,
    string Timezone,
    string Locale,
    Instant? TermsAcceptedAt = null,
    string? ReferralCode = null);

public sealed record ProfileChanges(string? FirstName, string? LastName, string? Phone, string? Timezone, string? Locale);
