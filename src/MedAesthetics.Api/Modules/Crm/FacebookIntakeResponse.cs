namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// What a Facebook webhook delivery came to: the leads its field_data created (or found already known), those it
/// rejected with why, and the leadgen ids it carried without fields, recorded to be fetched from the Graph API
/// (<c>queued</c>, including ids an earlier delivery already recorded).
/// </summary>
public sealed record FacebookIntakeResponse(IReadOnlyList<LeadResponse> Leads, IReadOnlyList<FacebookRejection> Rejected, IReadOnlyList<string> Queued);

public sealed record FacebookRejection(string? LeadgenId, IReadOnlyList<string> Errors);
