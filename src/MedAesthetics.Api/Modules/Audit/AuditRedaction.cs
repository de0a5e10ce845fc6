using System.Reflection;
using MedAesthetics.Api.Platform.Persistence;

namespace MedAesthetics.Api.Modules.Audit;

/// <summary>
/// What the trail never records: properties marked [Secret], property names on the deny-list (built in, plus
/// configuration "Audit:DeniedFields" as "Name" or "Entity.Name"), bookkeeping noise, and infrastructure tables.
/// </summary>
public sealed class AuditRedaction
{
    /// <summary>Names that are secrets wherever they appear, even if a new entity forgets [Secret].</summary>
    public static readonly string[] BuiltInDenied = ["PasswordHash", "TokenHash", "Token", "DeviceToken", "Secret", "ApiKey", "WebhookKey", "KeyHash"];

    /// <summary>Stamps and sign-in bookkeeping: not changes anybody made to the record.</summary>
    public static readonly string[] Quiet = ["CreatedAt", "UpdatedAt", "SearchText", "User.LastLoginAt", "User.FailedLoginCount", "User.LockedUntil"];

    /// <summary>
    /// Infrastructure rows: the outbox and its processed marks, refresh-token families and tokens (session housekeeping),
    /// dedup marks of jobs, and the notifications' delivery records (each is itself the log of one channel's attempts:
    /// status, attempts, reason, time sent; the notification they deliver is audited).
    /// </summary>
    public static readonly string[] BuiltInSkippedEntities =
        ["OutboxMessage", "ProcessedEvent", "AuthSession", "RefreshToken", "RepeatTreatmentCheck", "NotificationDelivery", nameof(AuditEntry)];

    private readonly HashSet<string> _denied;
    private readonly HashSet<string> _skipped;

    public AuditRedaction(IEnumerable<string> deniedFields, IEnumerable<string> skippedEntities)
    {
        _denied = new HashSet<string>(BuiltInDenied.Concat(Quiet).Concat(deniedFields), StringComparer.OrdinalIgnoreCase);
        _skipped = new HashSet<string>(BuiltInSkippedEntities.Concat(skippedEntities), StringComparer.OrdinalIgnoreCase);
    }

    public static AuditRedaction FromConfiguration(IConfiguration configuration) => new(
        configuration.GetSection("Audit:DeniedFields").Get<string[]>() ?? [],
        configuration.GetSection("Audit:SkippedEntities").Get<string[]>() ?? []);

    public bool Skips(Type entity) => _skipped.Contains(entity.Name);

    /// <summary>Whether a property is marked [Secret]: read by reflection once per property, not on every save.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<PropertyInfo, bool> SecretProperties = new();

    public bool Hides(Type entity, string property, PropertyInfo? info) =>
        (info is not null && SecretProperties.GetOrAdd(info, static i => i.GetCustomAttribute<SecretAttribute>() is not null))
        || _denied.Contains(property)
        || _denied.Contains($"{entity.Name}.{property}");
}
