namespace VpiBot.Domain;

/// <summary>The UNTOC instrument a VPI focuses on.</summary>
public enum Instrument { Untoc, TraffickingInPersons, SmugglingOfMigrants, Firearms }

/// <summary>The Review Mechanism's thematic clusters.</summary>
public enum ReviewCluster
{
    /// <summary>Criminalization and jurisdiction.</summary>
    Criminalization = 1,
    /// <summary>Prevention, technical assistance, protection and other measures.</summary>
    Prevention = 2,
    /// <summary>Law enforcement and the judicial system.</summary>
    LawEnforcement = 3,
    /// <summary>International cooperation, mutual legal assistance, extradition, confiscation.</summary>
    InternationalCooperation = 4,
}

/// <summary>The concept note's "menu of options" (§2): how far collaboration goes.</summary>
public enum CollaborationLevel { Minimum, Medium, High }

/// <summary>The eight activities of a VPI (concept note §1.A), in order.</summary>
public enum VpiStage
{
    IdentifyStakeholders = 1,
    GovernmentScoping = 2,
    StakeholderScoping = 3,
    LaunchMeeting = 4,
    OutcomeReport = 5,
    CivilSocietyAlliance = 6,
    Briefing = 7,
    RoadmapImplementation = 8,
}

/// <summary>Where a VPI lives in Teams: the channel or group chat it was set up in.</summary>
public sealed record VpiHome(string ConversationId, string ServiceUrl, string? TeamId, string? ChannelId, bool IsChannel);

/// <summary>One entry of a VPI's stage log: an activity marked done (with its date) or undone (with the reason), by whom, when.</summary>
public sealed record StageEntry(VpiStage Stage, bool Done, DateOnly? Date, string By, string ByName, DateTimeOffset At, string? Reason);

/// <summary>
/// One country's Voluntary Pilot Initiative. <see cref="TimeZone"/> is the IANA zone its dates and deadlines are
/// chosen in (asked at setup, prefilled from the country; null for VPIs set up before it was asked).
/// <see cref="Language"/> is the culture name (ar, zh-Hans, en, fr, ru, es) of the cards posted in its conversation for
/// everyone (asked at setup; null for VPIs set up before it was asked, read as English until a facilitator chooses).
/// </summary>
public sealed record Vpi(
    string Id,
    string Country,
    string TenantId,
    Instrument Instrument,
    ReviewCluster Cluster,
    CollaborationLevel Level,
    VpiHome Home,
    IReadOnlyDictionary<VpiStage, DateOnly> CompletedStages,
    IReadOnlyCollection<string> CompletedComponents,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    ApprovalPolicy ApprovalPolicy = ApprovalPolicy.AnyReviewer,
    IReadOnlyList<StageEntry>? StageLog = null,
    string? TimeZone = null,
    string? Language = null)
{
    /// <summary>Who marked which activity done or undid it, oldest first.</summary>
    public IReadOnlyList<StageEntry> StageHistory => StageLog ?? [];

    /// <summary>Whether a menu-of-options component is done: a component that is also one of the eight activities is done
    /// when that activity is (one fact, one place); the others are ticked on the checklist.</summary>
    public bool IsDone(MenuComponent component) =>
        component.Stage is { } stage ? CompletedStages.ContainsKey(stage) : CompletedComponents.Contains(component.Id);

    /// <summary>The first activity not yet done, or null when all eight are.</summary>
    public VpiStage? NextStage => Enum.GetValues<VpiStage>().Cast<VpiStage?>().FirstOrDefault(s => !CompletedStages.ContainsKey(s!.Value));

    /// <summary>The last activity done, or null before the first.</summary>
    public VpiStage? CurrentStage => CompletedStages.Count == 0 ? null : CompletedStages.Keys.Max();
}
