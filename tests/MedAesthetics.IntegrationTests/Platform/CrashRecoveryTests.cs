using MedAesthetics.Api.Modules.Loyalty;
using MedAesthetics.Api.Modules.Tasks;
using MedAesthetics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedAesthetics.IntegrationTests.Platform;

/// <summary>
/// A node killed with SIGKILL after its writes committed and before their events were handled (the dispatcher and the
/// job server of the first process are off, so the gap is certain): the restarted node handles each event once.
/// </summary>
[Collection(RealProcesses.Name)]
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private LiveWorld _live = null!;

    public async Task InitializeAsync() => _live = await LiveWorld.CreateAsync();

    public async Task DisposeAsync() => await _live.DisposeAsync();

    [Fact]
    public async Task Events_committed_before_a_kill_9_are_handled_once_after_the_restart_no_points_task_or_email_lost_or_doubled()
    {
        var world = _live.World;
        Guid clientId, appointmentId, leadId;
        string email;
        await using (var crashing = await ApiProcess.StartAsync("crashing", _live.Database,
            _live.Settings(("Outbox:DispatcherEnabled", "false"), ("Jobs:ServerEnabled", "false"))))
        {
            (clientId, _, email) = await LiveWorld.RegisterClientAsync(crashing);
            appointmentId = await _live.CompleteAppointmentAsync(crashing, clientId, hoursAgo: 3);
            leadId = (await LiveWorld.SendLeadAsync(crashing, world.ClinicId)).GetProperty("id").GetGuid();

            // Committed, not handled: the events wait in the outbox, no effect of theirs exists yet.
            var pending = await _live.Setup.WithDbAsync(db => db.OutboxMessages.Where(m => m.ProcessedAt == null).Select(m => m.Type).ToListAsync());
            Assert.Contains("UserRegistered", pending);
            Assert.Contains("AppointmentCompleted", pending);
            Assert.Contains("LeadCreated", pending);
            Assert.Equal(0, await EarnedAsync(clientId));
            Assert.Equal(0, await TasksOfLeadAsync(leadId));
            Assert.Empty(_live.MailTo(email));

            crashing.Kill();
            Assert.True(crashing.HasExited);
        }

        await using var restarted = await ApiProcess.StartAsync("restarted", _live.Database, _live.Settings());
        await ApiProcess.EventuallyAsync(async () => await _live.SettledAsync(clientId) && _live.MailTo(email).ContainsKey(LiveWorld.WelcomeSubject),
            LiveWorld.Patience, "the restarted node to handle every event and send the client's emails", restarted);

        var earn = await _live.Setup.WithDbAsync(db => db.Set<LoyaltyEntry>().AsNoTracking()
            .Where(e => e.ClientId == clientId && e.Type == LoyaltyEntryType.Earn).ToListAsync());
        var credited = Assert.Single(earn);
        Assert.Equal(appointmentId, credited.AppointmentId);
        Assert.True(credited.Points > 0);
        Assert.Equal(1, await TasksOfLeadAsync(leadId));
        var mail = _live.MailTo(email);
        Assert.All(mail, subject => Assert.True(subject.Value == 1, $"\"{subject.Key}\" was emailed {subject.Value} times"));
        Assert.Equal(await _live.EmailsSentAsync(clientId), mail.Values.Sum());
    }

    private Task<int> EarnedAsync(Guid clientId) =>
        _live.Setup.WithDbAsync(db => db.Set<LoyaltyEntry>().CountAsync(e => e.ClientId == clientId && e.Type == LoyaltyEntryType.Earn));

    private Task<int> TasksOfLeadAsync(Guid leadId) =>
        _live.Setup.WithDbAsync(db => db.Set<StaffTask>().CountAsync(t => t.LeadId == leadId));
}
