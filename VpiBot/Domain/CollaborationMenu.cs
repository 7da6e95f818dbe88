namespace VpiBot.Domain;

/// <summary>
/// One component of the menu of options (concept note §2); its text is the resource <c>Menu.{Id}</c>. A component that is
/// also one of the eight activities names that <paramref name="Stage"/>: it is done when the activity is.
/// </summary>
public sealed record MenuComponent(string Id, CollaborationLevel IntroducedAt, VpiStage? Stage = null);

/// <summary>
/// The concept note's menu of options: each level includes the components of the levels below it
/// (B "in addition to options provided in scenario A", C "in addition to A and B").
/// </summary>
public static class CollaborationMenu
{
    public static readonly IReadOnlyList<MenuComponent> All =
    [
        new("GovernmentStakeholderMeeting", CollaborationLevel.Minimum),
        new("NationalPriorities", CollaborationLevel.Minimum),
        new("JointRecommendations", CollaborationLevel.Minimum),
        new("CivilSocietyAlliance", CollaborationLevel.Minimum, VpiStage.CivilSocietyAlliance),
        new("WhatsOnInclusion", CollaborationLevel.Minimum),
        new("ThematicConsultations", CollaborationLevel.Medium),
        new("TaskForceGroups", CollaborationLevel.Medium),
        new("ReviewProcessInputs", CollaborationLevel.Medium),
        new("AdvisoryBoard", CollaborationLevel.High),
        new("RevmodObservers", CollaborationLevel.High),
        new("CopDelegation", CollaborationLevel.High),
        new("NationalProjects", CollaborationLevel.High),
    ];

    public static IReadOnlyList<MenuComponent> For(CollaborationLevel level) => All.Where(c => c.IntroducedAt <= level).ToList();

    public static bool Offers(CollaborationLevel level, string componentId) => For(level).Any(c => c.Id == componentId);
}
