using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// The CRM's share of GDPR: leads whose email or phone is the person's. Exported as they are; on erasure anonymised
/// (name "Erased", no contact, notes or source id, no Facebook leadgen record), keeping status, source, campaign and revenue for the figures.
/// </summary>
public sealed class CrmPersonalData(AppDbContext db, IPlatformSettings platformSettings) : IPersonalDataSource
{
    public string Section => "leads";

    public async Task<object> ExportAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var leads = await (await MatchingAsync(subject, cancellationToken)).AsNoTracking()
            .OrderBy(l => l.CreatedAt).ToListAsync(cancellationToken);
        return leads.Select(LeadResponse.From).ToList();
    }

    public async Task EraseAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var leads = await MatchingAsync(subject, cancellationToken);
        var ids = await leads.Select(l => l.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0)
            return;
        // The leadgen record links a Facebook lead id to the person's lead: it goes with the lead's external id.
        await db.Set<FacebookLeadgen>().Where(l => l.LeadId != null && ids.Contains(l.LeadId.Value)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<LeadStatusChange>().Where(h => ids.Contains(h.LeadId))
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Reason, (string?)null), cancellationToken);
        await db.Set<Lead>().IgnoreQueryFilters().Where(l => ids.Contains(l.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.FirstName, "Erased")
            .SetProperty(l => l.LastName, (string?)null)
            .SetProperty(l => l.Email, (string?)null)
            .SetProperty(l => l.Phone, (string?)null)
            .SetProperty(l => l.Notes, (string?)null)
            .SetProperty(l => l.ExternalId, (string?)null), cancellationToken);
    }

    private async Task<IQueryable<Lead>> MatchingAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        var email = LeadContact.NormalizeEmail(subject.Email);
        var phone = LeadContact.NormalizePhone(subject.Phone, (await platformSettings.GetAsync(cancellationToken)).DefaultPhoneRegion);
        return db.Set<Lead>().IgnoreQueryFilters().Where(l => (email != null && l.Email == email) || (phone != null && l.Phone == phone));
    }
}
