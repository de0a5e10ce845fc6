using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using MedAesthetics.Api.Platform.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.Api.Modules.Clinics;

public static class ClinicsEndpoints
{
    public static void MapClinicsEndpoints(this IEndpointRouteBuilder routes)
    {
        var clinics = routes.MapGroup("/clinics").WithTags("Clinics").WithValidation();

        clinics.MapPost("", async Task<Results<Created<ClinicResponse>, ProblemHttpResult>> (
                CreateClinicRequest request, AppDbContext db, IUserDirectory users, CancellationToken ct) =>
            {
                if (request.OwnerId is { } ownerId && await OwnerProblem(users, ownerId, ct) is { } problem)
                    return problem;
                var clinic = Clinic.Create(new ClinicDetails(request.Name, request.Timezone, request.Address, request.Phone, request.Email, request.CountryCode));
                clinic.AssignOwner(request.OwnerId);
                db.Set<Clinic>().Add(clinic);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/clinics/{clinic.Id}", ClinicResponse.From(clinic));
            })
            .RequireAuthorization(Policies.Admin).WithSummary("Create a clinic (admin)");

        clinics.MapGet("", async Task<Ok<PageOf<ClinicResponse>>> ([AsParameters] ClinicListQuery query, AppDbContext db, CancellationToken ct) =>
            {
                var list = db.Set<Clinic>().AsNoTracking();
                if (!string.IsNullOrWhiteSpace(query.Q))
                    list = list.Where(c => EF.Functions.ILike(c.Name, $"%{query.Q.Trim()}%"));
                var page = await list.OrderBy(c => c.Name).ThenBy(c => c.Id).ToPageAsync(query.Paging, ct);
                return TypedResults.Ok(page.Map(ClinicResponse.From));
            })
            .AllowAnonymous().WithSummary("List clinics");

        clinics.MapGet("/{id:guid}", async Task<Results<Ok<ClinicResponse>, ProblemHttpResult>> (Guid id, AppDbContext db, CancellationToken ct) =>
            await db.Set<Clinic>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } clinic
                ? TypedResults.Ok(ClinicResponse.From(clinic))
                : NoClinic())
            .AllowAnonymous().WithSummary("One clinic");

        clinics.MapPatch("/{id:guid}", async Task<Results<Ok<ClinicResponse>, ProblemHttpResult>> (
                Guid id, UpdateClinicRequest request, Caller caller, AccessScopeProvider scopes, AppDbContext db, IUserDirectory users, CancellationToken ct) =>
            {
                var clinic = await db.Set<Clinic>().SingleOrDefaultAsync(c => c.Id == id, ct);
                if (clinic is null)
                    return NoClinic();
                var scope = await scopes.ForAsync(caller, ct);
                if (!scope.ManagesClinic(id))
                    return ApiProblems.Forbidden("Only the admin and the clinic's owner may change it.");
                if (request.OwnerId is { } ownerId && ownerId != clinic.OwnerId)
                {
                    if (!caller.IsAdmin)
                        return ApiProblems.Forbidden("Only the admin may change a clinic's owner.");
                    if (await OwnerProblem(users, ownerId, ct) is { } problem)
                        return problem;
                    clinic.AssignOwner(ownerId);
                }
                clinic.Apply(new ClinicDetails(request.Name, request.Timezone, request.Address, request.Phone, request.Email, request.CountryCode));
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(ClinicResponse.From(clinic));
            })
            .RequireAuthorization(Policies.AdminOrClinicOwner).WithSummary("Change a clinic (admin, its owner)");

        clinics.MapPost("/{id:guid}/services", async Task<Results<Created<ServiceResponse>, ProblemHttpResult>> (
                Guid id, CreateServiceRequest request, Caller caller, AccessScopeProvider scopes, AppDbContext db, CancellationToken ct) =>
            {
                if (await ManagedClinic(id, caller, scopes, db, ct) is { } problem)
                    return problem;
                var service = Service.Create(id, new ServiceDetails(request.Name, request.Category, request.DurationMinutes, request.Price.Amount,
                    request.Price.Currency, request.BufferBeforeMinutes ?? 0, request.BufferAfterMinutes ?? 0, request.LoyaltyPoints, request.RepeatAfterDays));
                db.Set<Service>().Add(service);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/clinics/{id}/services/{service.Id}", ServiceResponse.From(service));
            })
            .RequireAuthorization(Policies.AdminOrClinicOwner).WithSummary("Add a service (admin, owner)");

        clinics.MapGet("/{id:guid}/services", async Task<Results<Ok<PageOf<ServiceResponse>>, ProblemHttpResult>> (
                Guid id, [AsParameters] PageQuery paging, AppDbContext db, CancellationToken ct) =>
            {
                if (!await db.Set<Clinic>().AnyAsync(c => c.Id == id, ct))
                    return NoClinic();
                var page = await db.Set<Service>().AsNoTracking().Where(s => s.ClinicId == id)
                    .OrderBy(s => s.Name).ThenBy(s => s.Id).ToPageAsync(paging, ct);
                return TypedResults.Ok(page.Map(ServiceResponse.From));
            })
            .AllowAnonymous().WithSummary("A clinic's services");

        clinics.MapPost("/{id:guid}/staff", async Task<Results<Created<StaffResponse>, ProblemHttpResult>> (
                Guid id, AddStaffRequest request, Caller caller, AccessScopeProvider scopes, AppDbContext db, IUserDirectory users, CancellationToken ct) =>
            {
                if (await ManagedClinic(id, caller, scopes, db, ct) is { } problem)
                    return problem;
                var user = await users.FindAsync(request.UserId, ct);
                if (user is null)
                    return ApiProblems.NotFound("There is no such user.");
                if (user.Role != request.Role)
                    return ApiProblems.BadRequest($"The user's role is {user.Role.Name()}; only a {request.Role.Name()} can join as {request.Role.Name()}.");
                if (await ServicesProblem(id, request.ServiceIds, db, ct) is { } servicesProblem)
                    return servicesProblem;
                db.Set<ClinicStaffMember>().Add(ClinicStaffMember.Create(id, user.Id, request.Role));
                foreach (var serviceId in (request.ServiceIds ?? []).Distinct())
                    db.Set<ProviderService>().Add(new ProviderService { ClinicId = id, ProviderId = user.Id, ServiceId = serviceId });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation())
                {
                    return ApiProblems.Conflict("The user is already on this clinic's staff.");
                }
                return TypedResults.Created($"/clinics/{id}/staff", new StaffResponse(id, user.Id, request.Role, user.FirstName, user.LastName, user.Email));
            })
            .RequireAuthorization(Policies.AdminOrClinicOwner).WithSummary("Add a doctor or secretary to a clinic (admin, owner)");

        clinics.MapGet("/{id:guid}/staff", async Task<Results<Ok<List<StaffResponse>>, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, AppDbContext db, IUserDirectory users, CancellationToken ct) =>
            {
                var scope = await scopes.ForAsync(caller, ct);
                if (!scope.CanReachClinic(id) || !caller.IsStaff)
                    return NoClinic();
                var members = await db.Set<ClinicStaffMember>().AsNoTracking().Where(s => s.ClinicId == id).ToListAsync(ct);
                var people = await users.FindAsync(members.Select(m => m.UserId).ToList(), ct);
                return TypedResults.Ok(members.Where(m => people.ContainsKey(m.UserId))
                    .Select(m => new StaffResponse(id, m.UserId, m.Role, people[m.UserId].FirstName, people[m.UserId].LastName, people[m.UserId].Email))
                    .OrderBy(s => s.LastName).ToList());
            })
            .RequireAuthorization(Policies.Staff).WithSummary("A clinic's staff (its team, salespeople with access, admin)");

        clinics.MapGet("/{id:guid}/providers", async Task<Results<Ok<List<ProviderResponse>>, ProblemHttpResult>> (
                Guid id, AppDbContext db, IUserDirectory users, CancellationToken ct) =>
            {
                if (!await db.Set<Clinic>().AnyAsync(c => c.Id == id, ct))
                    return NoClinic();
                var doctors = await db.Set<ClinicStaffMember>().AsNoTracking().Where(s => s.ClinicId == id && s.Role == UserRole.Doctor).Select(s => s.UserId).ToListAsync(ct);
                var specialised = await db.Set<ProviderService>().AsNoTracking().Where(p => p.ClinicId == id).ToListAsync(ct);
                var allServices = await db.Set<Service>().AsNoTracking().Where(s => s.ClinicId == id).Select(s => s.Id).ToListAsync(ct);
                var people = await users.FindAsync(doctors, ct);
                return TypedResults.Ok(doctors.Where(people.ContainsKey).Select(d =>
                {
                    var own = specialised.Where(p => p.ProviderId == d).Select(p => p.ServiceId).ToList();
                    return new ProviderResponse(d, people[d].FirstName, people[d].LastName, own.Count > 0 ? own : allServices);
                }).OrderBy(p => p.LastName).ThenBy(p => p.Id).ToList());
            })
            .AllowAnonymous().WithSummary("A clinic's providers (its doctors) and the services each performs");

        clinics.MapPut("/{id:guid}/providers/{providerId:guid}/services", async Task<Results<Ok<ProviderResponse>, ProblemHttpResult>> (
                Guid id, Guid providerId, ProviderServicesRequest request, Caller caller, AccessScopeProvider scopes, AppDbContext db, IUserDirectory users, CancellationToken ct) =>
            {
                if (await ManagedClinic(id, caller, scopes, db, ct) is { } problem)
                    return problem;
                if (!await IsProvider(db, id, providerId, ct))
                    return ApiProblems.NotFound("The provider is not a doctor of this clinic.");
                if (await ServicesProblem(id, request.ServiceIds, db, ct) is { } servicesProblem)
                    return servicesProblem;
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.Set<ProviderService>().Where(p => p.ClinicId == id && p.ProviderId == providerId).ExecuteDeleteAsync(ct);
                foreach (var serviceId in request.ServiceIds.Distinct())
                    db.Set<ProviderService>().Add(new ProviderService { ClinicId = id, ProviderId = providerId, ServiceId = serviceId });
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                var person = await users.FindAsync(providerId, ct);
                return TypedResults.Ok(new ProviderResponse(providerId, person?.FirstName ?? "", person?.LastName ?? "", request.ServiceIds.Distinct().ToList()));
            })
            .RequireAuthorization(Policies.AdminOrClinicOwner).WithSummary("Set the services a provider performs (empty: all of the clinic's)");

        clinics.MapPut("/{id:guid}/providers/{providerId:guid}/working-hours", async Task<Results<Ok<List<WorkingHoursResponse>>, ProblemHttpResult>> (
                Guid id, Guid providerId, WorkingHoursRequest[] request, Caller caller, AccessScopeProvider scopes, AppDbContext db, CancellationToken ct) =>
            {
                if (await CalendarClinic(id, caller, scopes, db, ct) is { } problem)
                    return problem;
                if (!await IsProvider(db, id, providerId, ct))
                    return ApiProblems.NotFound("The provider is not a doctor of this clinic.");
                var entries = request.Select(e =>
                {
                    ApiTime.TryParseClockTime(e.Start, out var start);
                    ApiTime.TryParseClockTime(e.End, out var end);
                    return WorkingHours.Create(id, providerId, (NodaTime.IsoDayOfWeek)e.DayOfWeek, start, end);
                }).ToList();
                // The week is replaced whole, in one transaction.
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.Set<WorkingHours>().Where(w => w.ClinicId == id && w.ProviderId == providerId).ExecuteDeleteAsync(ct);
                db.Set<WorkingHours>().AddRange(entries);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return TypedResults.Ok(entries.OrderBy(e => e.DayOfWeek).ThenBy(e => e.StartTime).Select(WorkingHoursResponse.From).ToList());
            })
            .RequireAuthorization(Policies.Staff).WithSummary("Replace a provider's weekly working hours (admin, owner, secretariat)");

        clinics.MapGet("/{id:guid}/providers/{providerId:guid}/working-hours", async Task<Results<Ok<List<WorkingHoursResponse>>, ProblemHttpResult>> (
                Guid id, Guid providerId, AppDbContext db, CancellationToken ct) =>
            {
                if (!await IsProvider(db, id, providerId, ct))
                    return ApiProblems.NotFound("The provider is not a doctor of this clinic.");
                var hours = await db.Set<WorkingHours>().AsNoTracking().Where(w => w.ClinicId == id && w.ProviderId == providerId)
                    .OrderBy(w => w.DayOfWeek).ThenBy(w => w.StartTime).ToListAsync(ct);
                return TypedResults.Ok(hours.Select(WorkingHoursResponse.From).ToList());
            })
            .AllowAnonymous().WithSummary("A provider's weekly working hours");

        clinics.MapPost("/{id:guid}/blocked-slots", async Task<Results<Created<BlockedSlotResponse>, ProblemHttpResult>> (
                Guid id, BlockedSlotRequest request, Caller caller, AccessScopeProvider scopes, AppDbContext db, CancellationToken ct) =>
            {
                var isOwnTime = caller.Role == UserRole.Doctor && request.ProviderId == caller.UserId;
                if (await CalendarClinic(id, caller, scopes, db, ct, allowDoctor: isOwnTime) is { } problem)
                    return problem;
                if (request.ProviderId is { } providerId && !await IsProvider(db, id, providerId, ct))
                    return ApiProblems.NotFound("The provider is not a doctor of this clinic.");
                var slot = BlockedSlot.Create(id, request.ProviderId, request.Start, request.End, request.Reason, caller.UserId);
                db.Set<BlockedSlot>().Add(slot);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/clinics/{id}/blocked-slots/{slot.Id}", BlockedSlotResponse.From(slot));
            })
            .RequireAuthorization(Policies.Staff).WithSummary("Block time for a provider or the whole clinic (admin, owner, secretariat, the provider)");

        clinics.MapGet("/{id:guid}/blocked-slots", async Task<Results<Ok<List<BlockedSlotResponse>>, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, AppDbContext db, CancellationToken ct) =>
            {
                var scope = await scopes.ForAsync(caller, ct);
                if (!scope.CanReachClinic(id))
                    return NoClinic();
                var slots = await db.Set<BlockedSlot>().AsNoTracking().Where(b => b.ClinicId == id && b.End > db.Clock.GetCurrentInstant())
                    .OrderBy(b => b.Start).Take(500).ToListAsync(ct);
                return TypedResults.Ok(slots.Select(BlockedSlotResponse.From).ToList());
            })
            .RequireAuthorization(Policies.Staff).WithSummary("Current and future blocked time of a clinic");

        var access = routes.MapGroup("/admin/agent-clinic-access").WithTags("Clinics").WithValidation().RequireAuthorization(Policies.Admin);

        access.MapPost("", async Task<Results<Created<AgentAccessResponse>, ProblemHttpResult>> (
                AgentAccessRequest request, AppDbContext db, IUserDirectory users, CancellationToken ct) =>
            {
                var agent = await users.FindAsync(request.AgentUserId, ct);
                if (agent is null)
                    return ApiProblems.NotFound("There is no such user.");
                if (agent.Role != UserRole.Salesperson)
                    return ApiProblems.BadRequest("Clinic access is granted to salespeople only.");
                if (!await db.Set<Clinic>().AnyAsync(c => c.Id == request.ClinicId, ct))
                    return NoClinic();
                var grant = AgentClinicAccess.Grant(request.AgentUserId, request.ClinicId);
                db.Set<AgentClinicAccess>().Add(grant);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation())
                {
                    return ApiProblems.Conflict("The salesperson already has access to this clinic.");
                }
                return TypedResults.Created($"/admin/agent-clinic-access/{grant.AgentUserId}/{grant.ClinicId}",
                    new AgentAccessResponse(grant.AgentUserId, grant.ClinicId, grant.CreatedAt));
            })
            .WithSummary("Grant a salesperson access to a clinic (admin)");

        access.MapDelete("/{agentUserId:guid}/{clinicId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
                Guid agentUserId, Guid clinicId, AppDbContext db, CancellationToken ct) =>
            await db.Set<AgentClinicAccess>().Where(a => a.AgentUserId == agentUserId && a.ClinicId == clinicId).ExecuteDeleteAsync(ct) > 0
                ? TypedResults.NoContent()
                : ApiProblems.NotFound("That salesperson has no access to that clinic."))
            .WithSummary("Revoke a salesperson's access to a clinic (admin)");
    }

    private static ProblemHttpResult NoClinic() => ApiProblems.NotFound("There is no such clinic.");

    private static async Task<ProblemHttpResult?> OwnerProblem(IUserDirectory users, Guid ownerId, CancellationToken ct) =>
        await users.FindAsync(ownerId, ct) is { Role: UserRole.ClinicOwner }
            ? null
            : ApiProblems.BadRequest("ownerId must be the id of a user with the clinic_owner role.");

    /// <summary>Admin, or the owner of this clinic; a missing clinic is 404, someone else's 403 (clinics are public, so nothing is revealed).</summary>
    private static async Task<ProblemHttpResult?> ManagedClinic(Guid id, Caller caller, AccessScopeProvider scopes, AppDbContext db, CancellationToken ct)
    {
        if (!await db.Set<Clinic>().AnyAsync(c => c.Id == id, ct))
            return NoClinic();
        var scope = await scopes.ForAsync(caller, ct);
        return scope.ManagesClinic(id) ? null : ApiProblems.Forbidden("Only the admin and the clinic's owner may do this.");
    }

    /// <summary>Admin, the owner, or the clinic's secretariat (and, for their own time, its doctors).</summary>
    private static async Task<ProblemHttpResult?> CalendarClinic(Guid id, Caller caller, AccessScopeProvider scopes, AppDbContext db, CancellationToken ct, bool allowDoctor = false)
    {
        if (!await db.Set<Clinic>().AnyAsync(c => c.Id == id, ct))
            return NoClinic();
        var scope = await scopes.ForAsync(caller, ct);
        var onTeam = scope.TeamClinics.Contains(id);
        var allowed = scope.ManagesClinic(id)
                      || (onTeam && caller.Role == UserRole.Secretariat)
                      || (onTeam && allowDoctor && caller.Role == UserRole.Doctor);
        return allowed ? null : ApiProblems.Forbidden("Only the admin, the clinic's owner or its secretariat may change its calendar.");
    }

    private static Task<bool> IsProvider(AppDbContext db, Guid clinicId, Guid providerId, CancellationToken ct) =>
        db.Set<ClinicStaffMember>().AnyAsync(s => s.ClinicId == clinicId && s.UserId == providerId && s.Role == UserRole.Doctor, ct);

    private static async Task<ProblemHttpResult?> ServicesProblem(Guid clinicId, Guid[]? serviceIds, AppDbContext db, CancellationToken ct)
    {
        if (serviceIds is null || serviceIds.Length == 0)
            return null;
        var distinct = serviceIds.Distinct().ToList();
        var known = await db.Set<Service>().CountAsync(s => s.ClinicId == clinicId && distinct.Contains(s.Id), ct);
        return known == distinct.Count ? null : ApiProblems.BadRequest("Every serviceId must be a service of this clinic.");
    }
}
