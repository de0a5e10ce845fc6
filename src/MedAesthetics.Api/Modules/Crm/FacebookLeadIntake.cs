using System.Text.Json;
using FluentValidation;
using MedAesthetics.Api.Platform.Errors;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>Takes in every lead of a Facebook Lead Ads payload: each is validated like a staff lead and taken in on its own.</summary>
public sealed class FacebookLeadIntake(LeadIntake intake, IValidator<CreateLeadRequest> validator)
{
    public async Task<Outcome<FacebookIntakeResponse>> TakeInAsync(JsonElement payload, Guid? clinicId, Guid? campaignId, CancellationToken ct)
    {
        var leads = LeadWebhooks.ReadFacebook(payload);
        if (leads.Count == 0)
            return Error.BadRequest("No lead with field_data was found in the payload.");
        var created = new List<LeadResponse>();
        var rejected = new List<FacebookRejection>();
        foreach (var facebookLead in leads)
        {
            var request = LeadWebhooks.ToRequest(facebookLead, clinicId, campaignId);
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
        return created.Count == 0
            ? Error.BadRequest($"No lead could be taken in: {string.Join("; ", rejected.SelectMany(r => r.Errors).Distinct())}")
            : new FacebookIntakeResponse(created, rejected);
    }
}
