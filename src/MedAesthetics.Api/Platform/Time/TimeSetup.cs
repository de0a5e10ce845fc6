using NodaTime;

namespace MedAesthetics.Api.Platform.Time;

public static class TimeSetup
{
    /// <summary>All "now" comes from this clock; tests swap in NodaTime.Testing's FakeClock.</summary>
    public static IServiceCollection AddClock(this IServiceCollection services)
    {
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton<IDateTimeZoneProvider>(DateTimeZoneProviders.Tzdb);
        return services;
    }
}
