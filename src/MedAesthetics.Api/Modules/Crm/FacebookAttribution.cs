using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// Which campaign a Facebook lead belongs to when its webhook URL names none: the campaign naming the lead's ad, else
/// the one naming its form (a form may serve several campaigns, an ad only one; of several matches the newest wins).
/// Such a campaign's clinic becomes the lead's when the URL names no clinic either.
/// </summary>
public sealed class FacebookAttribution(AppDbContext db)
{
    public async Task<(Guid? CampaignId, Guid? ClinicId)> ResolveAsync(string? adId, string? formId, Guid? campaignId, Guid? clinicId, CancellationToken ct)
    {
        if (campaignId is not null)
            return (campaignId, clinicId);
        var campaigns = db.Set<Campaign>().AsNoTracking();
        var match = adId is null ? null
            : await campaigns.Where(c => c.FacebookAdIds.Contains(adId)).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (match is null && formId is not null)
            match = await campaigns.Where(c => c.FacebookFormIds.Contains(formId)).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        return match is null ? (null, clinicId) : (match.Id, clinicId ?? match.ClinicId);
    }
}
