using System.Text.Json;
using FluentValidation;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Outbox;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// Takes in a Facebook Lead Ads delivery. Leads that carry field_data are validated like a staff lead and taken in on
/// their own, at once. Leadgen ids that come alone (what Facebook really sends) are recorded, with the event that gets
/// them fetched, in one transaction, so the delivery can be acknowledged at once and none is lost; a redelivered id is
/// not recorded twice.
/// </summary>
public sealed class FacebookLeadIntake(LeadIntake intake, IValidator<CreateLeadRequest> validator, FacebookAttribution attribution, AppDbContext db, IClock clock)
{
    public async Task<Outcome<FacebookIntakeResponse>> TakeInAsync(JsonElement payload, Guid? clinicId, Guid? campaignId, CancellationToken ct)
    {
        var leads = LeadWebhooks.ReadFacebook(payload);
        var (notices, problems) = LeadWebhooks.ReadLeadgenNotices(payload);
        if (problems.Count > 0)
            return new Error(ErrorKind.Invalid, "The leadgen change is not as Facebook sends it.", new Dictionary<string, string[]> { ["entry"] = problems.Distinct().ToArray() });
        if (leads.Count == 0 && notices.Count == 0)
            return Error.BadRequest("No lead with field_data, and no leadgen_id, was found in the payload.");
        if (clinicId is not null || campaignId is not null)
        {
            // Checked before anything is recorded: a leadgen must not be kept with a clinic or campaign that does not exist.
            var check = await intake.CheckAttributionAsync(clinicId, campaignId, ct);
            if (check is not null)
                return check;
        }

        var queued = notices.Count == 0 ? [] : await RecordAsync(notices, clinicId, campaignId, ct);
        var created = new List<LeadResponse>();
        var rejected = new List<FacebookRejection>();
        foreach (var facebookLead in leads)
        {
            var (leadCampaign, leadClinic) = await attribution.ResolveAsync(facebookLead.AdId, facebookLead.FormId, campaignId, clinicId, ct);
            var request = LeadWebhooks.ToRequest(facebookLead, leadClinic, leadCampaign);
            var validation = await validator.ValidateAsync(request, ct);
            if (!validation.IsValid)
            {
                rejected.Add(new FacebookRejection(facebookLead.LeadgenId, validation.Errors.Select(e => e.ErrorMessage).Distinct().ToList()));
                continue;
            }
            var outcome = await intake.TakeInAsync(request, null, facebookLead.LeadgenId, ct);
            if (outcome.Succeeded)
                created.Add(LeadResponse.From(outcome.Value!.Lead));
            else
                rejected.Add(new FacebookRejection(facebookLead.LeadgenId, [outcome.Error!.Detail ?? "rejected"]));
        }
        return created.Count == 0 && queued.Count == 0
            ? Error.BadRequest($"No lead could be taken in: {string.Join("; ", rejected.SelectMany(r => r.Errors).Distinct())}")
            : new FacebookIntakeResponse(created, rejected, queued);
    }

    /// <summary>Records the leadgen ids not seen before and raises the event that fetches them, in one SaveChanges.</summary>
    private async Task<IReadOnlyList<string>> RecordAsync(IReadOnlyList<LeadWebhooks.LeadgenNotice> notices, Guid? clinicId, Guid? campaignId, CancellationToken ct)
    {
        var ids = notices.Select(n => n.LeadgenId).Distinct().ToList();
        var known = await db.Set<FacebookLeadgen>().Where(l => ids.Contains(l.LeadgenId)).Select(l => l.LeadgenId).ToListAsync(ct);
        var now = clock.GetCurrentInstant();
        var fresh = notices.DistinctBy(n => n.LeadgenId).Where(n => !known.Contains(n.LeadgenId))
            .Select(n => FacebookLeadgen.Receive(n, clinicId, campaignId, now)).ToList();
        if (fresh.Count > 0)
        {
            db.Set<FacebookLeadgen>().AddRange(fresh);
            db.Publish(new FacebookLeadgensReceived(fresh.Select(l => l.Id).ToList()));
            await db.SaveChangesAsync(ct);   // a concurrent delivery of the same id loses on the unique index: 409, and Facebook delivers again
        }
        return ids;
    }
}
