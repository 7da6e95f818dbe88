using System.Globalization;
using VpiBot.Domain;

namespace VpiBot.Tests.Domain;

/// <summary>Who may do what, the menu of options, stages and countries: pure rules.</summary>
public sealed class VpiRulesTests
{
    private static readonly Vpi Ghana = new("v1", "GH", "tenant-a", Instrument.Untoc, ReviewCluster.Criminalization, CollaborationLevel.Medium,
        new VpiHome("19:c@thread.tacv2", "https://smba.trafficmanager.net/amer/", "19:t@thread.tacv2", "19:c@thread.tacv2", true),
        new Dictionary<VpiStage, DateOnly>(), new HashSet<string>(), "alice", DateTimeOffset.UnixEpoch);

    private static Member As(VpiRole role) => new("aad", "29:x", "X", null, role, "Org", OrganisationType.Ngo, "alice", DateTimeOffset.UnixEpoch);
    private static readonly Identity Caller = new("aad", "TENANT-A");

    [Fact]
    public void Only_facilitators_of_the_same_tenant_manage()
    {
        // what VpiAccess checks before a facilitator's route runs: the tenant, then the role on the roster
        Assert.Null(VpiRules.CanView(Ghana, Caller) ?? Access.Facilitator.Check(As(VpiRole.Facilitator))); // tenant ids compare case-insensitively
        Assert.Equal(Refusal.NotFacilitator, Access.Facilitator.Check(As(VpiRole.ReviewTeam)));
        Assert.Equal(Refusal.NotAMember, Access.Facilitator.Check(null));
        Assert.Equal(Refusal.OtherTenant, VpiRules.CanView(Ghana, Caller with { TenantId = "tenant-b" }));
        Assert.Equal(Refusal.OtherTenant, VpiRules.CanView(Ghana, Caller with { TenantId = null }));
    }

    [Fact]
    public void Cards_must_name_the_VPI_they_act_on()
    {
        Assert.Null(VpiRules.CardBelongsTo(Ghana, "v1"));
        Assert.Equal(Refusal.OtherVpi, VpiRules.CardBelongsTo(Ghana, "v2"));
        Assert.Equal(Refusal.OtherVpi, VpiRules.CardBelongsTo(Ghana, null));
    }

    [Fact]
    public void A_VPI_is_created_by_a_configured_facilitator_outside_personal_chats()
    {
        Assert.Null(VpiRules.CanCreate(inPersonalChat: false, true));
        Assert.Equal(Refusal.PersonalChat, VpiRules.CanCreate(inPersonalChat: true, true));
        Assert.Equal(Refusal.NotAllowedToCreate, VpiRules.CanCreate(inPersonalChat: false, false));
    }

    [Fact]
    public void Priorities_come_from_the_alliance_and_facilitators()
    {
        Assert.Null(Access.PriorityAuthors.Check(As(VpiRole.Alliance)));
        Assert.Null(Access.PriorityAuthors.Check(As(VpiRole.Facilitator)));
        Assert.Equal(Refusal.NotAllianceMember, Access.PriorityAuthors.Check(As(VpiRole.ReviewTeam)));
        Assert.Equal(Refusal.NotAMember, Access.PriorityAuthors.Check(null));
    }

    [Fact]
    public void Each_access_lets_through_exactly_its_roles()
    {
        Assert.All(Enum.GetValues<VpiRole>(), r => Assert.Null(Access.Member.Check(As(r))));
        Assert.Null(Access.Viewer.Check(null)); // anyone in the VPI's conversation, on the roster or not
        Assert.False(Access.Anyone.NeedsVpi);
        Assert.True(Access.Viewer.NeedsVpi);
        Assert.Equal(Refusal.NotReviewer, Access.ReviewTeam.Check(As(VpiRole.Alliance)));
        Assert.Equal(Refusal.NotReviewer, Access.ReviewTeam.Check(As(VpiRole.Facilitator)));
        Assert.Null(Access.ReviewTeam.Check(As(VpiRole.ReviewTeam)));
        Assert.Equal(Refusal.NotFacilitator, Access.Facilitator.Check(As(VpiRole.ReviewTeam)));
        Assert.Equal(Refusal.NotAMember, Access.Facilitator.Check(null));
    }

    [Fact]
    public void The_alliance_on_the_checklist_is_the_alliance_of_the_stages_one_fact_in_one_place()
    {
        var alliance = CollaborationMenu.All.Single(c => c.Id == "CivilSocietyAlliance");
        Assert.Equal(VpiStage.CivilSocietyAlliance, alliance.Stage);
        Assert.False((Ghana with { CompletedComponents = new HashSet<string> { "CivilSocietyAlliance" } }).IsDone(alliance)); // a tick does not make it so
        Assert.True((Ghana with { CompletedStages = new Dictionary<VpiStage, DateOnly> { [VpiStage.CivilSocietyAlliance] = new(2026, 5, 1) } }).IsDone(alliance));
        var priorities = CollaborationMenu.All.Single(c => c.Id == "NationalPriorities");
        Assert.True((Ghana with { CompletedComponents = new HashSet<string> { "NationalPriorities" } }).IsDone(priorities));
    }

    [Fact]
    public void Stages_are_marked_in_order_and_only_the_last_is_undone_with_a_reason()
    {
        var today = new DateOnly(2026, 11, 28);
        var (one, _) = StageRules.Complete(Ghana, VpiStage.IdentifyStakeholders, today, today, "f", "F", default);
        Assert.Equal(StageRefusal.NotNext, StageRules.Complete(one!, VpiStage.LaunchMeeting, today, today, "f", "F", default).Refusal);
        Assert.Equal(StageRefusal.DateInFuture, StageRules.Complete(one!, VpiStage.GovernmentScoping, today.AddDays(2), today, "f", "F", default).Refusal);
        Assert.Null(StageRules.Complete(one!, VpiStage.GovernmentScoping, today.AddDays(1), today, "f", "F", default).Refusal);
        var (two, _) = StageRules.Complete(one!, VpiStage.GovernmentScoping, today, today, "f", "F", default);
        Assert.Equal(StageRefusal.NotLastDone, StageRules.Undo(two!, VpiStage.IdentifyStakeholders, "why", "f", "F", default).Refusal);
        Assert.Equal(StageRefusal.ReasonRequired, StageRules.Undo(two!, VpiStage.GovernmentScoping, " ", "f", "F", default).Refusal);
        var (undone, _) = StageRules.Undo(two!, VpiStage.GovernmentScoping, "postponed", "f", "F", default);
        Assert.Equal(VpiStage.GovernmentScoping, undone!.NextStage);
        Assert.Equal([true, true, false], undone.StageHistory.Select(e => e.Done));
    }

    [Fact]
    public void The_last_facilitator_stays()
    {
        var only = As(VpiRole.Facilitator);
        var ngo = As(VpiRole.Alliance) with { AadObjectId = "ngo" };
        Assert.Equal(Refusal.LastFacilitator, VpiRules.KeepsAFacilitator([only, ngo], null, "AAD")); // ids compare case-insensitively
        Assert.Null(VpiRules.KeepsAFacilitator([only, only with { AadObjectId = "other" }], null, "aad"));
        Assert.Null(VpiRules.KeepsAFacilitator([only, ngo], null, "ngo"));
        // the only facilitator re-registering themself in another role
        Assert.Equal(Refusal.LastFacilitator, VpiRules.KeepsAFacilitator([only, ngo], only with { Role = VpiRole.Alliance }, null));
        Assert.Null(VpiRules.KeepsAFacilitator([only], only with { Organisation = "UNODC Vienna" }, null));
        Assert.Null(VpiRules.KeepsAFacilitator([only], As(VpiRole.ReviewTeam) with { AadObjectId = "new" }, null));
    }

    [Theory]
    [InlineData(CollaborationLevel.Minimum, 5)]
    [InlineData(CollaborationLevel.Medium, 8)]
    [InlineData(CollaborationLevel.High, 12)]
    public void Each_level_adds_to_the_one_below(CollaborationLevel level, int components)
    {
        Assert.Equal(components, CollaborationMenu.For(level).Count);
        Assert.True(CollaborationMenu.For(CollaborationLevel.Minimum).All(c => CollaborationMenu.Offers(level, c.Id)));
        Assert.Equal(level == CollaborationLevel.High, CollaborationMenu.Offers(level, "AdvisoryBoard"));
    }

    [Fact]
    public void Stages_are_done_in_order_and_the_next_one_is_the_first_open()
    {
        Assert.Equal(VpiStage.IdentifyStakeholders, Ghana.NextStage);
        Assert.Null(Ghana.CurrentStage);
        var two = Ghana with { CompletedStages = new Dictionary<VpiStage, DateOnly> { [VpiStage.IdentifyStakeholders] = new(2026, 1, 1), [VpiStage.GovernmentScoping] = new(2026, 2, 1) } };
        Assert.Equal(VpiStage.StakeholderScoping, two.NextStage);
        Assert.Equal(VpiStage.GovernmentScoping, two.CurrentStage);
        var all = Ghana with { CompletedStages = Enum.GetValues<VpiStage>().ToDictionary(s => s, _ => new DateOnly(2026, 1, 1)) };
        Assert.Null(all.NextStage);
    }

    [Fact]
    public void Countries_are_the_States_parties_by_ISO_code_with_the_UNs_names()
    {
        Assert.Equal(197, Countries.Codes.Count); // 193 UN Member States + State of Palestine, Cook Islands, Niue, Holy See
        Assert.Equal(Countries.Codes.Count, Countries.Codes.Distinct().Count());
        Assert.All(Countries.Codes, c => Assert.Equal(c, new RegionInfo(c).TwoLetterISORegionName)); // every one a real ISO 3166 code
        Assert.True(Countries.IsKnown("GH"));
        Assert.True(Countries.IsKnown("KE"));
        Assert.True(Countries.IsKnown("PS"));
        Assert.False(Countries.IsKnown("EU")); // a party, not a State
        Assert.False(Countries.IsKnown("AQ")); // Antarctica
        Assert.False(Countries.IsKnown("BV")); // Bouvet Island
        Assert.False(Countries.IsKnown("TW"));
        Assert.False(Countries.IsKnown("gh"));
        Assert.False(Countries.IsKnown("XX"));
        Assert.False(Countries.IsKnown(null));
        var english = CultureInfo.GetCultureInfo("en-US");
        Assert.Equal("Ghana", Countries.Name("GH", english));
        Assert.Equal("Bolivia (Plurinational State of)", Countries.Name("BO", english));
        Assert.Equal("Türkiye", Countries.Name("TR", english));
        Assert.Equal("Côte d'Ivoire", Countries.Name("CI", english));
        Assert.Equal("State of Palestine", Countries.Name("PS", english));
        Assert.Equal("Iran (Islamic Republic of)", Countries.Name("IR", english));
        Assert.Equal("Netherlands (Kingdom of the)", Countries.Name("NL", english));
        Assert.Equal("Ghana", Countries.Name("GH", CultureInfo.GetCultureInfo("fr"))); // English for now, in every language
        Assert.Equal("Antarctica", Countries.Name("AQ", english)); // a VPI saved before the list is still named
    }
}
