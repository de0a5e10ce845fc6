using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Modules.Clinics;

public static class ClinicEndpoints
{
    public static void MapClinicEndpoints(this IEndpointRouteBuilder routes)
    {
        var clinics = routes.MapGroup("/clinics").WithTags("Clinics").WithValidation();
        clinics.MapClinics();
        clinics.MapServices();
        clinics.MapStaff();
        clinics.MapCalendar();
        routes.MapAgentAccess();
    }

    private static void MapClinics(this RouteGroupBuilder clinics)
    {
        clinics.MapPost("", async Task<Results<Created<ClinicResponse>, ProblemHttpResult>> (
                CreateClinicRequest request, ClinicService service, CancellationToken ct) =>
                (await service.CreateAsync(request, ct)).ToResult(c => TypedResults.Created($"/clinics/{c.Id}", c)))
            .RequireAuthorization(Policies.Admin).WithName("createClinic").WithSummary("Create a clinic (admin)");

        clinics.MapGet("", async Task<Ok<PageOf<ClinicResponse>>> ([AsParameters] ClinicListQuery query, ClinicQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(query, ct)))
            .AllowAnonymous().WithName("listClinics").WithSummary("List clinics");

        clinics.MapGet("/{id:guid}", async Task<Results<Ok<ClinicResponse>, ProblemHttpResult>> (Guid id, ClinicQueries queries, CancellationToken ct) =>
                (await queries.FindAsync(id, ct)).ToResult(TypedResults.Ok))
            .AllowAnonymous().WithName("getClinic").WithSummary("One clinic");

        clinics.MapPatch("/{id:guid}", async Task<Results<Ok<ClinicResponse>, ProblemHttpResult>> (
                Guid id, UpdateClinicRequest request, Caller caller, AccessScopeProvider scopes, ClinicService service, CancellationToken ct) =>
                (await service.UpdateAsync(id, request, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.AdminOrClinicOwner).WithName("updateClinic").WithSummary("Change a clinic (admin, its owner)");
    }

    private static void MapServices(this RouteGroupBuilder clinics)
    {
        clinics.MapPost("/{id:guid}/services", async Task<Results<Created<ServiceResponse>, ProblemHttpResult>> (
                Guid id, CreateServiceRequest request, Caller caller, AccessScopeProvider scopes, ClinicService service, CancellationToken ct) =>
                (await service.AddServiceAsync(id, request, await scopes.ForAsync(caller, ct), ct))
                    .ToResult(s => TypedResults.Created($"/clinics/{id}/services/{s.Id}", s)))
            .RequireAuthorization(Policies.AdminOrClinicOwner).WithName("createService").WithSummary("Add a service (admin, owner)");

        clinics.MapGet("/{id:guid}/services", async Task<Results<Ok<PageOf<ServiceResponse>>, ProblemHttpResult>> (
                Guid id, [AsParameters] PageQuery paging, ClinicQueries queries, CancellationToken ct) =>
                (await queries.ServicesAsync(id, paging, ct)).ToResult(TypedResults.Ok))
            .AllowAnonymous().WithName("listServices").WithSummary("A clinic's services");
    }

    private static void MapStaff(this RouteGroupBuilder clinics)
    {
        clinics.MapPost("/{id:guid}/staff", async Task<Results<Created<StaffResponse>, ProblemHttpResult>> (
                Guid id, AddStaffRequest request, Caller caller, AccessScopeProvider scopes, StaffService staff, CancellationToken ct) =>
                (await staff.AddAsync(id, request, await scopes.ForAsync(caller, ct), ct)).ToResult(s => TypedResults.Created($"/clinics/{id}/staff", s)))
            .RequireAuthorization(Policies.AdminOrClinicOwner).WithName("addStaff")
            .WithSummary("Add a doctor or secretary to a clinic (admin; an owner only users on no other clinic's staff)");

        clinics.MapGet("/{id:guid}/staff", async Task<Results<Ok<List<StaffResponse>>, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, ClinicQueries queries, CancellationToken ct) =>
                (await queries.StaffAsync(id, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Staff).WithName("listStaff").WithSummary("A clinic's staff (its team, salespeople with access, admin)");

        clinics.MapGet("/{id:guid}/providers", async Task<Results<Ok<List<ProviderResponse>>, ProblemHttpResult>> (
                Guid id, ClinicQueries queries, CancellationToken ct) =>
                (await queries.ProvidersAsync(id, ct)).ToResult(TypedResults.Ok))
            .AllowAnonymous().WithName("listProviders").WithSummary("A clinic's providers (its doctors) and the services each performs");

        clinics.MapPut("/{id:guid}/providers/{providerId:guid}/services", async Task<Results<Ok<ProviderResponse>, ProblemHttpResult>> (
                Guid id, Guid providerId, ProviderServicesRequest request, Caller caller, AccessScopeProvider scopes, StaffService staff, CancellationToken ct) =>
                (await staff.SetProviderServicesAsync(id, providerId, request, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.AdminOrClinicOwner).WithName("setProviderServices")
            .WithSummary("Set the services a provider performs (empty: all of the clinic's)");
    }

    private static void MapCalendar(this RouteGroupBuilder clinics)
    {
        clinics.MapPut("/{id:guid}/providers/{providerId:guid}/working-hours", async Task<Results<Ok<List<WorkingHoursResponse>>, ProblemHttpResult>> (
                Guid id, Guid providerId, WorkingHoursRequest[] request, Caller caller, AccessScopeProvider scopes, CalendarService calendar, CancellationToken ct) =>
                (await calendar.ReplaceWorkingHoursAsync(id, providerId, request, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Staff).WithName("replaceWorkingHours")
            .WithSummary("Replace a provider's weekly working hours (admin, owner, secretariat)");

        clinics.MapGet("/{id:guid}/providers/{providerId:guid}/working-hours", async Task<Results<Ok<List<WorkingHoursResponse>>, ProblemHttpResult>> (
                Guid id, Guid providerId, ClinicQueries queries, CancellationToken ct) =>
                (await queries.WorkingHoursAsync(id, providerId, ct)).ToResult(TypedResults.Ok))
            .AllowAnonymous().WithName("listWorkingHours").WithSummary("A provider's weekly working hours");

        clinics.MapPost("/{id:guid}/blocked-slots", async Task<Results<Created<BlockedSlotResponse>, ProblemHttpResult>> (
                Guid id, BlockedSlotRequest request, Caller caller, AccessScopeProvider scopes, CalendarService calendar, CancellationToken ct) =>
                (await calendar.BlockAsync(id, request, await scopes.ForAsync(caller, ct), ct))
                    .ToResult(slot => TypedResults.Created($"/clinics/{id}/blocked-slots/{slot.Id}", slot)))
            .RequireAuthorization(Policies.Staff).WithName("createBlockedSlot")
            .WithSummary("Block time for a provider or the whole clinic (admin, owner, secretariat, the provider)");

        clinics.MapGet("/{id:guid}/blocked-slots", async Task<Results<Ok<List<BlockedSlotResponse>>, ProblemHttpResult>> (
                Guid id, Caller caller, AccessScopeProvider scopes, ClinicQueries queries, CancellationToken ct) =>
                (await queries.BlockedSlotsAsync(id, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(Policies.Staff).WithName("listBlockedSlots").WithSummary("Current and future blocked time of a clinic");
    }

    private static void MapAgentAccess(this IEndpointRouteBuilder routes)
    {
        var access = routes.MapGroup("/admin/agent-clinic-access").WithTags("Clinics").WithValidation().RequireAuthorization(Policies.Admin);

        access.MapPost("", async Task<Results<Created<AgentAccessResponse>, ProblemHttpResult>> (
                AgentAccessRequest request, AgentAccessService agents, CancellationToken ct) =>
                (await agents.GrantAsync(request, ct))
                    .ToResult(grant => TypedResults.Created($"/admin/agent-clinic-access/{grant.AgentUserId}/{grant.ClinicId}", grant)))
            .WithName("grantAgentAccess").WithSummary("Grant a salesperson access to a clinic (admin)");

        access.MapDelete("/{agentUserId:guid}/{clinicId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
                Guid agentUserId, Guid clinicId, AgentAccessService agents, CancellationToken ct) =>
                await agents.RevokeAsync(agentUserId, clinicId, ct) is { } error ? error.ToProblem() : TypedResults.NoContent())
            .WithName("revokeAgentAccess").WithSummary("Revoke a salesperson's access to a clinic (admin)");
    }
}
