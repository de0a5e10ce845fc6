namespace MedAesthetics.Api.Modules.Crm;

/// <summary>The leads a Facebook webhook delivery created (or found already known), and those it rejected with why.</summary>
public sealed record FacebookIntakeResponse(IReadOnlyList<LeadResponse> Leads, IReadOnlyList<FacebookRejection> Rejected);

public sealed record FacebookRejection(string? LeadgenId, IReadOnlyList<string> Errors);
