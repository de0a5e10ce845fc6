using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Errors;
using MedAesthetics.Api.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAesthetics.Api.Modules.Tasks;

public static class TaskEndpoints
{
    public static void MapTaskEndpoints(this IEndpointRouteBuilder routes)
    {
        var tasks = routes.MapGroup("/tasks").WithTags("Tasks").RequireAuthorization(Policies.Staff).WithValidation();

        tasks.MapPost("", async Task<Results<Created<TaskResponse>, ProblemHttpResult>> (
                CreateTaskRequest request, Caller caller, AccessScopeProvider scopes, TaskService service, CancellationToken ct) =>
                (await service.CreateAsync(request, await scopes.ForAsync(caller, ct), ct)).ToResult(t => TypedResults.Created($"/tasks/{t.Id}", t)))
            .WithName("createTask").WithSummary("Create a task (assigned to you unless assigneeId says otherwise)");

        tasks.MapGet("", async Task<Ok<PageOf<TaskResponse>>> (
                [AsParameters] TaskListQuery query, Caller caller, AccessScopeProvider scopes, TaskQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(query, await scopes.ForAsync(caller, ct), ct)))
            .WithName("listTasks").WithSummary("Tasks you may see: yours, your clinics', your leads'");

        tasks.MapPatch("/{id:guid}", async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> (
                Guid id, UpdateTaskRequest request, Caller caller, AccessScopeProvider scopes, TaskService service, CancellationToken ct) =>
                (await service.UpdateAsync(id, request, await scopes.ForAsync(caller, ct), ct)).ToResult(TypedResults.Ok))
            .WithName("updateTask").WithSummary("Change a task's status (done sets completedAt), due time, assignee, notes or priority");
    }
}
