namespace MedAesthetics.Api.Contracts;

/// <summary>Who a GDPR export or erasure is about: the account, and the contact details and names other records may carry.</summary>
public sealed record DataSubject(Guid UserId, string Email, string? Phone, string? FirstName = null, string? LastName = null);

/// <summary>
/// A module's share of GDPR: what it holds about a person (one section of the export document) and how it erases it.
/// Every module that stores personal data registers one; the Identity module's export and erasure call them all.
/// </summary>
public interface IPersonalDataSource
{
    /// <summary>The section name in the export document (camelCase, e.g. "appointments", "loyalty").</summary>
    string Section { get; }

    /// <summary>Everything this module holds about the subject, as a JSON-serialisable value.</summary>
    Task<object> ExportAsync(DataSubject subject, CancellationToken cancellationToken);

    /// <summary>Erase or anonymise the subject's personal data, keeping what the clinic's books need. Runs inside the erasure's transaction.</summary>
    Task EraseAsync(DataSubject subject, CancellationToken cancellationToken);
}
