using MedAesthetics.Api.Platform.Jobs;

namespace MedAesthetics.Api.Modules.Booking;

public static class BookingModule
{
    public static IServiceCollection AddBookingModule(this IServiceCollection services)
    {
        services.AddScoped<BookingService>();
        services.AddScoped<AvailabilityLoader>();
        services.AddScoped<AppointmentQueries>();
        services.AddScoped<ReminderPlanner>();
        services.AddScoped<Contracts.IBookingDirectory, BookingDirectory>();
        services.AddRecurringJob<ExpireHoldsJob>();
        services.AddRecurringJob<SendRemindersJob>();
        services.AddScoped<IRetentionPolicy, HoldRetention>();
        services.AddScoped<Contracts.IPersonalDataSource, BookingPersonalData>();
        services.AddScoped<Contracts.IBookingFigures, BookingFigures>();
        return services;
    }

    public static IEndpointRouteBuilder MapBookingModule(this IEndpointRouteBuilder routes)
    {
        routes.MapBookingEndpoints();
        return routes;
    }
}
