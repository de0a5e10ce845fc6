using MedAesthetics.Api.Platform.Jobs;
using MedAesthetics.Api.Platform.Outbox;

namespace MedAesthetics.Api.Modules.Tasks;

public static class TasksModule
{
    public static IServiceCollection AddTasksModule(this IServiceCollection services)
    {
        services.AddScoped<TaskAutomation>();
        services.AddScoped<TaskService>();
        services.AddScoped<TaskQueries>();
        services.AddScoped<Contracts.ITaskDirectory, TaskDirectory>();
        services.AddScoped<Contracts.IPersonalDataSource, TasksPersonalData>();
        services.AddEventHandler<FirstContactCallOnLeadCreated>();
        services.AddEventHandler<CallOnNoShow>();
        services.AddEventHandler<FollowUpOnAppointmentCompleted>();
        services.AddRecurringJob<LeadFollowUpJob>();
        services.AddRecurringJob<RepeatTreatmentJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapTasksModule(this IEndpointRouteBuilder routes)
    {
        routes.MapTaskEndpoints();
        return routes;
    }
}
