using MedAesthetics.Api.Modules.Identity;
using MedAesthetics.Api.Contracts;
using MedAesthetics.Api.Platform.Auth;
using MedAesthetics.Api.Platform.Outbox;
using NodaTime;

namespace MedAesthetics.UnitTests.Platform;

public sealed class OutboxMessageTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 5, 1, 12, 0);

    private static OutboxMessage Message() =>
        OutboxMessage.For(new UserRegistered(Guid.NewGuid(), "a@b.c", "A", UserRole.Client, "en", null), Now);

    [Fact]
    public void An_event_is_stored_under_its_class_name_and_due_at_once()
    {
        var message = Message();

        Assert.Equal("UserRegistered", message.Type);
        Assert.Equal(Now, message.NextAttemptAt);
        Assert.Contains("\"role\":\"client\"", message.Payload);
    }

    [Fact]
    public void Failures_back_off_exponentially_up_to_an_hour()
    {
        var message = Message();

        message.MarkFailed("boom", Now);
        Assert.Equal(Now + Duration.FromSeconds(2), message.NextAttemptAt);
        message.MarkFailed("boom", Now);
        Assert.Equal(Now + Duration.FromSeconds(4), message.NextAttemptAt);
        for (var i = 0; i < 20; i++)
            message.MarkFailed("boom", Now);
        Assert.Equal(Now + Duration.FromHours(1), message.NextAttemptAt);
        Assert.Null(message.ProcessedAt);
    }

    [Fact]
    public void Every_event_type_resolves_back_to_its_class()
    {
        Assert.Equal(typeof(UserRegistered), EventTypes.Find(nameof(UserRegistered)));
        Assert.Null(EventTypes.Find("NoSuchEvent"));
    }
}
