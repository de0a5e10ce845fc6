using NodaTime;
using NodaTime.Testing;

namespace MedAesthetics.IntegrationTests.Infrastructure;

/// <summary>Moves a shared fake clock for one test and puts it back, so other tests of the class see the time they expect.</summary>
public sealed class ClockScope(FakeClock clock)
{
    private readonly Instant _start = clock.GetCurrentInstant();

    public void Advance(Duration duration) => clock.Advance(duration);
    public void Restore() => clock.Reset(_start);
}
