using VpiBot.Domain;

namespace VpiBot.Tests.Domain;

/// <summary>What a roster must look like: roles held from the right kind of organisation, and a facilitator kept.</summary>
public sealed class RosterTests
{
    private static Member As(string id, VpiRole role, OrganisationType type) =>
        new(id, "29:" + id, id, null, role, "Org", type, "alice", DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(VpiRole.ReviewTeam, OrganisationType.Government, true)]
    [InlineData(VpiRole.ReviewTeam, OrganisationType.Ngo, false)]
    [InlineData(VpiRole.ReviewTeam, OrganisationType.Unodc, false)]
    [InlineData(VpiRole.Alliance, OrganisationType.Ngo, true)]
    [InlineData(VpiRole.Alliance, OrganisationType.Academia, true)]
    [InlineData(VpiRole.Alliance, OrganisationType.PrivateSector, true)]
    [InlineData(VpiRole.Alliance, OrganisationType.Government, false)]
    [InlineData(VpiRole.Alliance, OrganisationType.Unodc, false)]
    [InlineData(VpiRole.Facilitator, OrganisationType.Unodc, true)]
    [InlineData(VpiRole.Facilitator, OrganisationType.Government, false)]
    [InlineData(VpiRole.Facilitator, OrganisationType.Ngo, false)]
    public void Roles_and_organisation_types_agree(VpiRole role, OrganisationType type, bool fits) =>
        Assert.Equal(fits, Roster.Fits(role, type));

    [Fact]
    public void Every_organisation_type_belongs_to_exactly_one_role()
    {
        Assert.All(Enum.GetValues<OrganisationType>(), t => Assert.Single(Enum.GetValues<VpiRole>(), r => Roster.Fits(r, t)));
        Assert.All(Enum.GetValues<VpiRole>(), r => Assert.NotEmpty(Roster.TypesFor(r)));
    }

    [Fact]
    public void The_last_facilitator_is_not_removable_and_others_are()
    {
        var alice = As("alice", VpiRole.Facilitator, OrganisationType.Unodc);
        var bob = As("bob", VpiRole.ReviewTeam, OrganisationType.Government);
        Assert.Equal([bob], Roster.Removable([alice, bob]));
        var second = As("kofi", VpiRole.Facilitator, OrganisationType.Unodc);
        Assert.Equal(3, Roster.Removable([alice, bob, second]).Count);
        Assert.Empty(Roster.Removable([alice]));
        Assert.Same(alice, Roster.Find([alice, bob], "ALICE"));
        Assert.Null(Roster.Find([alice, bob], null));
    }
}
