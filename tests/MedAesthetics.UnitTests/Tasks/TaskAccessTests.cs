using MedAesthetics.Api.Modules.Tasks;
using MedAesthetics.Api.Platform.Auth;
using NodaTime;

namespace MedAesthetics.UnitTests.Tasks;

/// <summary>The task access rule evaluated in memory: the same expression filters the SQL of the task list.</summary>
public sealed class TaskAccessTests
{
    private static readonly Guid ClinicA = Guid.NewGuid();
    private static readonly Guid ClinicB = Guid.NewGuid();
    private static readonly HashSet<Guid> NoLeads = [];

    private static AccessScope Scope(UserRole role, Guid me, IEnumerable<Guid>? team = null, IEnumerable<Guid>? agent = null) =>
        new(new Caller(me, role, Guid.NewGuid()), (team ?? []).ToHashSet(), new HashSet<Guid>(), (agent ?? []).ToHashSet());

    private static StaffTask Task(Guid? assignee = null, Guid? clinic = null, Guid? lead = null, Guid? createdBy = null) =>
        StaffTask.Create(new NewTask("Call", TaskType.Call, TaskPriority.Normal, Instant.FromUtc(2026, 5, 1, 9, 0), assignee,
            LeadId: lead, ClinicId: clinic, CreatedBy: createdBy));

    [Fact]
    public void Clinic_staff_see_their_own_tasks_and_their_clinics_but_not_another_clinics()
    {
        var me = Guid.NewGuid();
        var secretary = Scope(UserRole.Secretariat, me, team: [ClinicA]);

        Assert.True(secretary.CanSee(Task(clinic: ClinicA), NoLeads));
        Assert.True(secretary.CanSee(Task(assignee: me, clinic: ClinicB), NoLeads));
        Assert.True(secretary.CanSee(Task(createdBy: me), NoLeads));
        Assert.False(secretary.CanSee(Task(clinic: ClinicB), NoLeads));
    }

    [Fact]
    public void A_salesperson_sees_tasks_of_its_granted_clinics_and_of_the_leads_it_reaches()
    {
        var lead = Guid.NewGuid();
        var sales = Scope(UserRole.Salesperson, Guid.NewGuid(), agent: [ClinicA]);

        Assert.True(sales.CanSee(Task(clinic: ClinicA), NoLeads));
        Assert.True(sales.CanSee(Task(lead: lead, clinic: ClinicB), new HashSet<Guid> { lead }));
        Assert.False(sales.CanSee(Task(lead: lead, clinic: ClinicB), NoLeads));
    }

    [Fact]
    public void Lead_reach_is_asked_for_salespeople_only()
    {
        Assert.True(TaskAccess.NeedsLeads(Scope(UserRole.Salesperson, Guid.NewGuid())));
        Assert.False(TaskAccess.NeedsLeads(Scope(UserRole.Doctor, Guid.NewGuid())));
        Assert.False(TaskAccess.NeedsLeads(Scope(UserRole.Admin, Guid.NewGuid())));
        Assert.True(Scope(UserRole.Admin, Guid.NewGuid()).CanSee(Task(clinic: ClinicB), NoLeads));
    }
}
