namespace MedAesthetics.Api.Platform.Persistence;

/// <summary>Marks an entity property whose value never leaves its table: not in audit entries, logs or exports (hashes, tokens, keys).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
