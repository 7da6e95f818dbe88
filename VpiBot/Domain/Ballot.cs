namespace VpiBot.Domain;

/// <summary>How a ballot is voted and counted.</summary>
public enum VotingMethod
{
    /// <summary>Agree / abstain / disagree / block each recommendation; a reason is required to disagree or block; one block stops it.</summary>
    Consent,
    /// <summary>Yes / no / abstain each recommendation.</summary>
    YesNo,
    /// <summary>A score from 0 to 5 for each recommendation.</summary>
    Score,
    /// <summary>The recommendations put in order (Borda points as Loomio counts them; ties broken by most first preferences); one is adopted.</summary>
    Ranked,
}

/// <summary>
/// The side of the VPI a voter votes with. A recommendation is <i>joint</i> when both the government (the review team)
/// and civil society (the alliance: NGOs, academia, private sector) support it; UNODC facilitators, when they vote,
/// belong to neither side.
/// </summary>
public enum Side { Government, CivilSociety, Unodc }

/// <summary>A voter's stance on one recommendation (consent: agree, abstain, disagree, block; yes / no: yes, no, abstain).</summary>
public enum Stance { Agree, Abstain, Disagree, Block, Yes, No }

public enum BallotStatus { Open, Closed }

/// <summary>
/// What the facilitator chose when opening the ballot. <see cref="Deadline"/> is an instant (chosen as a date and time
/// in <see cref="TimeZone"/>, the VPI's IANA zone). <see cref="QuorumPercent"/> of each side's electorate must vote
/// (0 = no quorum). <see cref="Anonymous"/>: how a person voted is never shown and cannot be read back from the store
/// once the ballot is closed; who voted is known. <see cref="HideResults"/>: the tally is shown only after closing.
/// </summary>
public sealed record BallotRules(
    VotingMethod Method,
    DateTimeOffset Deadline,
    string TimeZone,
    bool DoubleMajority,
    int QuorumPercent,
    bool Anonymous,
    bool HideResults,
    bool FacilitatorsVote)
{
    /// <summary>At most this many recommendations on one ballot (the card stays readable and under Teams' 40 KB).</summary>
    public const int MaxRecommendations = 10;

    /// <summary>A reason to disagree or block: at most this many characters.</summary>
    public const int MaxReason = 400;

    /// <summary>The highest score of <see cref="VotingMethod.Score"/>.</summary>
    public const int MaxScore = 5;
}

/// <summary>Someone who may vote on the ballot (fixed when it opens) and the side they vote with.</summary>
public sealed record Voter(string AadObjectId, string Name, Side Side);

/// <summary>
/// A ballot on one or more proposed recommendations. <see cref="Secret"/> keys an anonymous ballot's votes while it is
/// open, and is erased when it closes (with it, any way to tie a stored vote to its voter); <see cref="Sealed"/> says
/// an anonymous ballot's votes were rewritten under random keys after closing. <see cref="Reminded"/>: the
/// "closing soon" reminders were queued (once). <see cref="BotId"/> and <see cref="ServiceUrl"/> are how the bot opens
/// 1:1 chats when it closes the ballot on its own (taken from the turn that opened it), <see cref="Culture"/> the
/// language of what it then posts.
/// </summary>
public sealed record Ballot(
    int Number,
    IReadOnlyList<int> Recommendations,
    BallotRules Rules,
    IReadOnlyList<Voter> Electorate,
    BallotStatus Status,
    string OpenedBy,
    string OpenedByName,
    DateTimeOffset OpenedAt,
    string? Secret = null,
    bool Reminded = false,
    DateTimeOffset? ClosedAt = null,
    string? ClosedByName = null,
    BallotResult? Result = null,
    bool Sealed = false,
    string BotId = "",
    string ServiceUrl = "",
    string Culture = "en")
{
    public Voter? VoterOf(string? aadObjectId) =>
        aadObjectId is null ? null : Electorate.FirstOrDefault(v => string.Equals(v.AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the sides are counted separately and both must pass.</summary>
    public bool IsJoint => Rules.DoubleMajority;
}

/// <summary>
/// A voter's choice on one recommendation of the ballot: a <see cref="Stance"/> (consent, yes / no), a
/// <see cref="Score"/> (0–5), or a <see cref="Rank"/> (1 = first; null = not ranked); a reason for disagreeing or blocking.
/// </summary>
public sealed record BallotChoice(int Recommendation, Stance? Stance = null, int? Score = null, int? Rank = null, string? Reason = null);

/// <summary>A vote as it is counted: the voter's side and choices, never who they are.</summary>
public sealed record CastBallot(Side Side, IReadOnlyList<BallotChoice> Choices);

/// <summary>How many of a side's electorate voted, against the quorum (<see cref="Required"/> of them).</summary>
public sealed record SideTurnout(Side Side, int Electorate, int Voted, int Required)
{
    public bool QuorumMet => Voted >= Required;
}

/// <summary>
/// One side's count on one recommendation: stances (consent, yes / no), scores (how many scored it, their total),
/// ranked points (Borda) and first preferences; and whether it passed among that side.
/// </summary>
public sealed record SideTally(
    Side Side,
    int Agree = 0, int Abstain = 0, int Disagree = 0, int Block = 0, int Yes = 0, int No = 0,
    int Scored = 0, int ScoreTotal = 0,
    int Points = 0, int FirstPreferences = 0,
    bool Passed = false);

/// <summary>Why a recommendation was or was not adopted: one plain sentence each (<c>Ballot.Reason.{name}</c>).</summary>
public enum OutcomeReason
{
    /// <summary>Adopted: it passed among every group that had to agree.</summary>
    Passed,
    /// <summary>Too few voted on a side (the turnout names which).</summary>
    NoQuorum,
    /// <summary>Consent: someone blocked it.</summary>
    Blocked,
    /// <summary>Nobody took a side on it (everyone abstained or left it out).</summary>
    NoVotes,
    /// <summary>Double majority: civil society supported it, the government side did not.</summary>
    GovernmentAgainst,
    /// <summary>Double majority: the government side supported it, civil society did not.</summary>
    CivilSocietyAgainst,
    /// <summary>Double majority: neither side supported it.</summary>
    BothAgainst,
    /// <summary>Single majority: not enough support among all voters.</summary>
    MajorityAgainst,
    /// <summary>Ranked: another recommendation came first.</summary>
    RankedLower,
    /// <summary>Ranked: tied for first on points and first preferences; none is adopted.</summary>
    Tie,
}

/// <summary>The count of one recommendation: adopted or not, why, and each side's tally (Unodc only when facilitators voted).</summary>
public sealed record RecommendationOutcome(int Recommendation, bool Adopted, OutcomeReason Reason, IReadOnlyList<SideTally> Sides)
{
    public SideTally? Of(Side side) => Sides.FirstOrDefault(s => s.Side == side);
}

/// <summary>The result of a closed ballot (or the running tally of an open one): turnout per side and each recommendation's outcome.</summary>
public sealed record BallotResult(IReadOnlyList<SideTurnout> Turnout, IReadOnlyList<RecommendationOutcome> Outcomes, int Counted);

/// <summary>What is wrong with a vote as sent; message <c>Vote.Problem.{Kind}</c>, naming the recommendation.</summary>
public enum VoteProblemKind { Missing, NotThisMethod, ReasonRequired, ReasonTooLong, ScoreOutOfRange, RankOutOfRange, RankTwice, NoneRanked, RankGap, NotOnBallot }

public sealed record VoteProblem(int Recommendation, VoteProblemKind Kind);
