using MedAesthetics.Api.Platform.Http;

namespace MedAesthetics.UnitTests.Platform;

/// <summary>A "more than the cap" answer is remembered for PastCapMemory.Keep from when it was found, not from when it was last used.</summary>
public sealed class PastCapMemoryTests
{
    private sealed class ManualTime : TimeProvider
    {
        public long Ticks { get; set; } = 1_000;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Ticks;
        public void Advance(TimeSpan by) => Ticks += by.Ticks;
    }

    [Fact]
    public void A_remembered_search_is_known_until_keep_has_passed_since_it_was_found()
    {
        var time = new ManualTime();
        var memory = new PastCapMemory(time);
        Assert.False(memory.Knows("q=papad"));

        memory.Remember("q=papad");
        time.Advance(PastCapMemory.Keep - TimeSpan.FromSeconds(1));
        Assert.True(memory.Knows("q=papad"));
        Assert.False(memory.Knows("q=papad&status=new"));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(memory.Knows("q=papad"));
    }
}
