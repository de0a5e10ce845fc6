using MedAesthetics.Api.Platform.Observability;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Persistence;
using MedAesthetics.Api.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace MedAesthetics.Api.Modules.Crm;

/// <summary>
/// Takes a lead in: normalises its contact, links it to the oldest lead of the same person in the duplicate window,
/// assigns it, records its first status and raises its events, all in one transaction. Advisory locks on the
/// person's email and phone serialise concurrent intake of one person; assignment marks only the chosen salesperson and
/// the salespeople's load rows are updated at commit (see <see cref="NextSalespersonAsync"/>), so concurrent intakes
/// wait for each other only to keep the spread exact, and none computes an aggregate over a salesperson's history.
/// </summary>
public sealed class LeadIntake(AppDbContext db, IClinicDirectory clinics, IUserDirectory users, IPlatformSettings platformSettings, IClock clock)
{
    public sealed record Result(Lead Lead, bool AlreadyKnown);

    public async Task<Outcome<Result>> TakeInAsync(CreateLeadRequest request, Guid? actorId, string? externalId, CancellationToken ct)
    {
        var settings = await platformSettings.GetAsync(ct);
        string region = settings.DefaultPhoneRegion;
        if (request.ClinicId is { } clinicId)
        {
            var clinic = await clinics.FindClinicAsync(clinicId, ct);
            if (clinic is null)
                return Error.Invalid("clinicId", "There is no such clinic.");
            region = clinic.CountryCode ?? region;
        }
        if (await CheckCampaignAsync(request.CampaignId, ct) is { } noCampaign)
            return noCampaign;

        var email = LeadContact.NormalizeEmail(request.Email);
        var phone = LeadContact.NormalizePhone(request.Phone, region);
        if (!string.IsNullOrWhiteSpace(request.Phone) && phone is null)
            return Error.Invalid("phone", $"'{request.Phone}' is not a valid phone number (default region {region}).");

        if (externalId is not null &&
            await db.Set<Lead>().IgnoreQueryFilters().FirstOrDefaultAsync(l => l.Source == request.Source && l.ExternalId == externalId, ct) is { } known)
            return new Result(known, AlreadyKnown: true);

        // Nothing in the write continues after a failed save, so its transaction needs no savepoint around
        // SaveChanges (EF would add two round trips for one).
        return await db.Database.WithoutSavepointsAsync(() => WriteAsync(request, actorId, externalId, email, phone, settings, ct));
    }

    private async Task<Result> WriteAsync(CreateLeadRequest request, Guid? actorId, string? externalId, string? email, string? phone,
        PlatformSettings settings, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var keys = new[] { email, phone }.OfType<string>().Order(StringComparer.Ordinal).Select(k => "lead:" + k).ToArray();
        // In key order, in one statement.
        if (keys.Length > 0)
            await db.Database.TakeAdvisoryLocksAsync(keys, ct);

        var lead = Lead.Create(new NewLead(request.FirstName, request.LastName, email, phone, request.Source, request.ClinicId, request.CampaignId,
            request.Notes, request.Tags, actorId, externalId), now);

        var windowStart = now - Duration.FromDays(settings.DuplicateWindowDays);
        var original = await db.Set<Lead>().AsNoTracking()
            .Where(l => l.CreatedAt >= windowStart && ((email != null && l.Email == email) || (phone != null && l.Phone == phone)))
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Select(l => new { l.Id, l.AssignedToId })
            .FirstOrDefaultAsync(ct);
        if (original is not null)
            lead.MarkDuplicateOf(original.Id);

        await RememberTagsAsync(lead.Tags, ct);
        // Last before the write: from here to the commit the chosen salesperson is marked as taken.
        var assignee = original?.AssignedToId ?? await NextSalespersonAsync(request.ClinicId, ct);
        if (assignee is { } salesperson)
            lead.AssignTo(salesperson, now);

        db.Set<Lead>().Add(lead);
        db.Set<LeadStatusChange>().Add(LeadStatusChange.Record(lead.Id, null, LeadStatus.New, actorId, original is null ? "created" : "created as a duplicate"));
        db.Publish(new LeadCreated(lead.Id, lead.Source, lead.ClinicId, lead.CampaignId, lead.AssignedToId, lead.DuplicateOfId, actorId));
        if (lead.AssignedToId is { } assigned)
            db.Publish(new LeadAssigned(lead.Id, assigned, null, lead.ClinicId, actorId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        Telemetry.LeadIngested(Platform.Persistence.EnumColumns.ToText(lead.Source));
        return new Result(lead, AlreadyKnown: false);
    }

    /// <summary>Whether the clinic and campaign a lead is to be attributed to exist (400 naming the field when not).</summary>
    public async Task<Error?> CheckAttributionAsync(Guid? clinicId, Guid? campaignId, CancellationToken ct)
    {
        if (clinicId is { } id && await clinics.FindClinicAsync(id, ct) is null)
            return Error.Invalid("clinicId", "There is no such clinic.");
        return await CheckCampaignAsync(campaignId, ct);
    }

    private async Task<Error?> CheckCampaignAsync(Guid? campaignId, CancellationToken ct) =>
        campaignId is { } id && !await db.Set<Campaign>().AnyAsync(c => c.Id == id, ct) ? Error.Invalid("campaignId", "There is no such campaign.") : null;

    /// <summary>
    /// Round-robin among active salespeople with access to the clinic (all of them when the lead has no clinic):
    /// fewest open leads first, then the one who waited longest since its last assignment. The figures come from
    /// <c>salesperson_loads</c>, kept by a deferred trigger on <c>leads</c> at the commit of every insert, assignment,
    /// status change and (soft) delete. <c>choose_salesperson</c> (migration ConcurrentAssignment) marks the chosen one
    /// with an advisory lock until the caller commits; a concurrent intake takes another candidate with no more open leads
    /// or otherwise waits for that commit, so the spread stays exact while intakes over salespeople with equal loads, over
    /// different salespeople, or with a single candidate (which needs no choice) do not wait for each other.
    /// Call inside the caller's transaction.
    /// </summary>
    public async Task<Guid?> NextSalespersonAsync(Guid? clinicId, CancellationToken ct)
    {
        var active = await users.ActiveInRoleAsync(UserRole.Salesperson, ct);
        var candidates = clinicId is { } id ? (await clinics.AgentsOfClinicAsync(id, ct)).Intersect(active).ToArray() : active.ToArray();
        if (candidates.Length <= 1)
            return candidates.Length == 1 ? candidates[0] : null; // no choice to make: no round trip, nothing to mark
        var chosen = await db.Database.SqlQuery<Guid>($"""SELECT choose_salesperson({candidates}) AS "Value" """).ToListAsync(ct);
        return chosen[0];
    }

    public async Task RememberTagsAsync(IEnumerable<string> names, CancellationToken ct)
    {
        foreach (var name in names)
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO tags (id, name, created_at, updated_at) VALUES ({Guid.CreateVersion7()}, {name}, {clock.GetCurrentInstant()}, {clock.GetCurrentInstant()}) ON CONFLICT (name) DO NOTHING", ct);
    }
}
