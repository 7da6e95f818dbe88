namespace VpiBot.Domain;

/// <summary>
/// Who may use a command or a card button, declared on its route and checked before its handler runs. Beyond
/// <see cref="Anyone"/>, the VPI is the one of the conversation (or, for a card in a 1:1 chat, the one the card was made
/// for), its tenant must be the caller's, and the caller's place on the stored roster decides.
/// </summary>
public abstract record Access
{
    private Access(string name) => Name = name;

    /// <summary>How the access is described to people (resource <c>Access.{Name}</c>).</summary>
    public string Name { get; }

    /// <summary>No VPI needed (help, setting one up).</summary>
    public static readonly Access Anyone = new Open();

    /// <summary>Anyone in the VPI's conversation, on the roster or not.</summary>
    public static readonly Access Viewer = new InConversation();

    /// <summary>Anyone on the VPI's roster.</summary>
    public static readonly Access Member = new Roles("Member", Refusal.NotAMember, Enum.GetValues<VpiRole>());

    public static readonly Access Facilitator = new Roles("Facilitator", Refusal.NotFacilitator, [VpiRole.Facilitator]);

    /// <summary>The government's review team.</summary>
    public static readonly Access ReviewTeam = new Roles("ReviewTeam", Refusal.NotReviewer, [VpiRole.ReviewTeam]);

    /// <summary>Priorities come from civil society (the alliance) and the facilitators who help them.</summary>
    public static readonly Access PriorityAuthors = new Roles("PriorityAuthors", Refusal.NotAllianceMember, [VpiRole.Alliance, VpiRole.Facilitator]);

    /// <summary>Whether the route needs a VPI at all.</summary>
    public bool NeedsVpi => this is not Open;

    /// <summary>The refusal for this caller (null = allowed), given their row on the VPI's roster, if any.</summary>
    public abstract Refusal? Check(Member? callerOnRoster);

    private sealed record Open() : Access("Anyone")
    {
        public override Refusal? Check(Member? callerOnRoster) => null;
    }

    private sealed record InConversation() : Access("Viewer")
    {
        public override Refusal? Check(Member? callerOnRoster) => null;
    }

    private sealed record Roles(string RoleName, Refusal Refusal, IReadOnlyList<VpiRole> Allowed) : Access(RoleName)
    {
        public override Refusal? Check(Member? callerOnRoster) =>
            callerOnRoster is null ? Refusal.NotAMember
            : Allowed.Contains(callerOnRoster.Role) ? null
            : Refusal;
    }
}
