using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>The writes of campaigns: create one, log spend on it.</summary>
public sealed class CampaignService(AppDbContext db, IUserDirectory users, IClinicDirectory clinics)
{
    public async Task<Outcome<CampaignResponse>> CreateAsync(CreateCampaignRequest request, AccessScope scope, CancellationToken ct)
    {
        var caller = scope.Caller;
        var owner = request.OwnerAgentId;
        if (!caller.IsAdmin)
        {
            if (owner is { } someone && someone != caller.UserId)
                return Error.Forbidden("A salesperson creates campaigns it owns: ownerAgentId may only be yourself.");
            owner = caller.UserId;
        }
        else if (owner is { } ownerId && !await users.IsActiveSalespersonAsync(ownerId, ct))
        {
            return Error.Invalid("ownerAgentId", "The owner must be an active salesperson.");
        }
        if (request.ClinicId is { } clinicId)
        {
            if (await clinics.FindClinicAsync(clinicId, ct) is null)
                return Error.NotFound("There is no such clinic.");
            if (!scope.CanReachClinic(clinicId))
                return Error.Forbidden("You have no access to this clinic.");
        }
        var campaign = Campaign.Create(request.Name, request.Channel!.Value, request.ClinicId, owner, request.StartsOn, request.EndsOn,
            request.Budget?.Amount, request.CampaignCurrency);
        campaign.NameFacebookIds(request.FacebookFormIds, request.FacebookAdIds);
        db.Set<Campaign>().Add(campaign);
        await db.SaveChangesAsync(ct);
        return CampaignResponse.From(campaign);
    }

    /// <summary>Admins change any campaign; a salesperson the campaigns it owns (others it sees answer 403, those it does not 404).</summary>
    public async Task<Outcome<CampaignResponse>> UpdateAsync(Guid campaignId, UpdateCampaignRequest request, AccessScope scope, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().Visible(scope).SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
            return CampaignQueries.NoCampaign();
        if (!scope.Caller.IsAdmin && campaign.OwnerAgentId != scope.Caller.UserId)
            return Error.Forbidden("A salesperson changes only the campaigns it owns.");
        if (request.Name is not null)
            campaign.Rename(request.Name);
        campaign.NameFacebookIds(request.FacebookFormIds, request.FacebookAdIds);
        await db.SaveChangesAsync(ct);
        return CampaignResponse.From(campaign);
    }

    public async Task<Outcome<SpendLogResponse>> LogSpendAsync(Guid campaignId, LogSpendRequest request, AccessScope scope, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().AsNoTracking().Visible(scope).SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
            return CampaignQueries.NoCampaign();
        if (request.Amount.Currency != campaign.Currency)
            return Error.Invalid("amount.currency", $"Spend on this campaign is logged in {campaign.Currency}.");
        var log = SpendLog.Record(campaign.Id, request.SpentOn, request.Amount.Amount, request.Amount.Currency, scope.Caller.UserId);
        db.Set<SpendLog>().Add(log);
        await db.SaveChangesAsync(ct);
        return SpendLogResponse.From(log);
    }
}
