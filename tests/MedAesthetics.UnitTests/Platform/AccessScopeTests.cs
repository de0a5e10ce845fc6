using MedAesthetics.Api.Platform.Auth;

namespace MedAesthetics.UnitTests.Platform;

public sealed class AccessScopeTests
{
    private static readonly Guid ClinicA = Guid.NewGuid();
    private static readonly Guid ClinicB = Guid.NewGuid();

    private static AccessScope Scope(UserRole role, Guid? userId = null, Guid[]? team = null, Guid[]? owned = null, Guid[]? agent = null) =>
        new(new Caller(userId ?? Guid.NewGuid(), role, Guid.NewGuid()),
            (team ?? []).ToHashSet(), (owned ?? []).ToHashSet(), (agent ?? []).ToHashSet());

    [Fact]
    public void The_admin_reaches_every_record()
    {
        var scope = Scope(UserRole.Admin);

        Assert.True(scope.CanReach(new RecordReach(ClinicId: ClinicA)));
        Assert.True(scope.CanReach(new RecordReach(SubjectUserId: Guid.NewGuid())));
        Assert.Null(scope.ReachableClinics);
    }

    [Fact]
    public void Clinic_staff_reach_their_clinics_records_and_not_another_clinics()
    {
        var scope = Scope(UserRole.Secretariat, team: [ClinicA]);

        Assert.True(scope.CanReach(new RecordReach(ClinicId: ClinicA)));
        Assert.False(scope.CanReach(new RecordReach(ClinicId: ClinicB)));
        Assert.Equal([ClinicA], scope.ReachableClinics!);
    }

    [Fact]
    public void A_salesperson_reaches_granted_clinics_and_what_is_assigned_to_it()
    {
        var me = Guid.NewGuid();
        var scope = Scope(UserRole.Salesperson, userId: me, agent: [ClinicB]);

        Assert.True(scope.CanReach(new RecordReach(ClinicId: ClinicB)));
        Assert.True(scope.CanReach(new RecordReach(ClinicId: ClinicA, AssigneeId: me)));
        Assert.False(scope.CanReach(new RecordReach(ClinicId: ClinicA, AssigneeId: Guid.NewGuid())));
    }

    [Fact]
    public void A_client_reaches_only_its_own_records_even_in_a_clinic_it_visits()
    {
        var me = Guid.NewGuid();
        var scope = Scope(UserRole.Client, userId: me, team: [ClinicA]);

        Assert.True(scope.CanReach(new RecordReach(ClinicId: ClinicA, SubjectUserId: me)));
        Assert.False(scope.CanReach(new RecordReach(ClinicId: ClinicA, SubjectUserId: Guid.NewGuid())));
        Assert.False(scope.CanReach(new RecordReach(ClinicId: ClinicA, AssigneeId: me)));
    }

    [Fact]
    public void Only_owners_and_the_admin_manage_a_clinic()
    {
        Assert.True(Scope(UserRole.ClinicOwner, team: [ClinicA], owned: [ClinicA]).ManagesClinic(ClinicA));
        Assert.False(Scope(UserRole.ClinicOwner, team: [ClinicA], owned: [ClinicA]).ManagesClinic(ClinicB));
        Assert.False(Scope(UserRole.Doctor, team: [ClinicA]).ManagesClinic(ClinicA));
        Assert.True(Scope(UserRole.Admin).ManagesClinic(ClinicB));
    }
}
