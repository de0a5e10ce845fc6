using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Hosting;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>A Facebook campaign of the demo clinic owned by the demo salesperson, a week of spend and twenty leads along the pipeline.</summary>
public sealed class CrmDemoSeed(LeadIntake intake, IUserDirectory users, IClinicDirectory clinics, IClock clock) : IDemoSeeder
{
    public const string CampaignName = "Spring botox offer";
    private const string DemoClinicName = "Aesthetica Athens";

    public int Order => 20;

    public async Task SeedAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.Set<Campaign>().AnyAsync(c => c.Name == CampaignName, ct))
            return;
        var sales = await users.FindByEmailAsync("sales@demo.local", ct) ?? throw new InvalidOperationException("The Identity seed runs first.");
        var clinicId = (await clinics.FindClinicByNameAsync(DemoClinicName, ct))?.Id ?? throw new InvalidOperationException("The Clinics seed runs first.");
        var today = clock.GetCurrentInstant().InUtc().Date;

        var campaign = Campaign.Create(CampaignName, CampaignChannel.Facebook, clinicId, sales.Id, today.PlusDays(-14), today.PlusDays(30), 1500m, "EUR");
        db.Set<Campaign>().Add(campaign);
        for (var day = 1; day <= 7; day++)
            db.Set<SpendLog>().Add(SpendLog.Record(campaign.Id, today.PlusDays(-day), 40m + day * 5, "EUR", sales.Id));
        await db.SaveChangesAsync(ct);

        string[] firstNames = ["Maria", "Eleni", "Katerina", "Sofia", "Georgia", "Ioanna", "Dimitra", "Vasiliki", "Angeliki", "Christina",
            "Nikos", "Giorgos", "Kostas", "Yannis", "Panagiotis", "Anna", "Despina", "Zoe", "Irini", "Athina"];
        LeadStatus[][] paths =
        [
            [], [LeadStatus.Contacted], [LeadStatus.Contacted, LeadStatus.Qualified], [LeadStatus.Contacted, LeadStatus.Qualified, LeadStatus.Booked],
            [LeadStatus.Contacted, LeadStatus.Qualified, LeadStatus.Booked, LeadStatus.Converted], [LeadStatus.Contacted, LeadStatus.Lost],
        ];
        for (var i = 0; i < firstNames.Length; i++)
        {
            var source = i % 4 == 0 ? LeadSource.Instagram : i % 5 == 0 ? LeadSource.Website : LeadSource.Facebook;
            var request = new CreateLeadRequest(firstNames[i], "Demo", $"lead{i + 1}@example.test", $"69{i + 10:D2}{i + 100000:D6}",
                source, clinicId, source == LeadSource.Website ? null : campaign.Id, null, i % 3 == 0 ? ["botox"] : null);
            var outcome = await intake.TakeInAsync(request, null, null, ct);
            var lead = outcome.Value!.Lead;
            var from = lead.Status;
            foreach (var next in paths[i % paths.Length])
            {
                if (lead.MoveTo(next, clock.GetCurrentInstant()) is { } why)
                    throw new InvalidOperationException(why);
                db.Set<LeadStatusChange>().Add(LeadStatusChange.Record(lead.Id, from, next, sales.Id, "demo"));
                from = next;
            }
            await db.SaveChangesAsync(ct);
        }
    }
}
