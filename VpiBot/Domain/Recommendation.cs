namespace VpiBot.Domain;

public enum RecommendationStatus { Proposed, OnBallot, Adopted, NotAdopted, Withdrawn }

/// <summary>What the proposer writes. Title 120 characters, text 2,000.</summary>
public sealed record RecommendationText(string Title, string Text)
{
    public const int MaxTitle = 120;
    public const int MaxText = 2000;
}

/// <summary>One step in a recommendation's life: who moved it, when, from what to what, and why (the outcome's sentence, a ballot's number…).</summary>
public sealed record RecommendationTransition(string By, string ByName, DateTimeOffset At, RecommendationStatus From, RecommendationStatus To, string? Comment);

/// <summary>
/// A joint recommendation (concept note §1.A activity 4, §2.A): proposed by a VPI member from approved priorities,
/// put to a ballot by a facilitator, adopted only as the ballot's counting says. <see cref="Revision"/> grows with
/// every edit; <see cref="Ballot"/> is the ballot it is (or was last) on.
/// </summary>
public sealed record Recommendation(
    int Number,
    RecommendationText Text,
    IReadOnlyList<int> Priorities,
    RecommendationStatus Status,
    string ProposerAadObjectId,
    string ProposerName,
    int Revision,
    int? Ballot,
    IReadOnlyList<RecommendationTransition> History,
    DateTimeOffset CreatedAt)
{
    /// <summary>The proposer may still edit or withdraw it: only until it is on a ballot.</summary>
    public bool IsEditable => Status == RecommendationStatus.Proposed;
}

/// <summary>Why a step on a recommendation is refused; message <c>Recommendation.Refusal.{name}</c>.</summary>
public enum RecommendationRefusal { NotProposer, NotEditable, NotProposed, NotOnBallot }

/// <summary>
/// The recommendation's state machine, pure: Proposed → OnBallot → Adopted | NotAdopted; Proposed → Withdrawn.
/// Each step returns the new recommendation with its audit entry, or a refusal that changes nothing.
/// </summary>
public static class RecommendationRules
{
    public static Recommendation Propose(int number, RecommendationText text, IReadOnlyList<int> priorities, string by, string byName, DateTimeOffset now) =>
        new(number, text, priorities.Distinct().Order().ToList(), RecommendationStatus.Proposed, by, byName, 1, null,
            [new RecommendationTransition(by, byName, now, RecommendationStatus.Proposed, RecommendationStatus.Proposed, null)], now);

    /// <summary>Only the proposer changes a recommendation, and only while it is proposed (not yet on a ballot).</summary>
    public static RecommendationRefusal? CanChange(Recommendation r, string? by) =>
        !string.Equals(r.ProposerAadObjectId, by, StringComparison.OrdinalIgnoreCase) ? RecommendationRefusal.NotProposer
        : !r.IsEditable ? RecommendationRefusal.NotEditable
        : null;

    public static (Recommendation? Recommendation, RecommendationRefusal? Refusal) Edit(
        Recommendation r, RecommendationText text, IReadOnlyList<int> priorities, string by, string byName, DateTimeOffset now) =>
        CanChange(r, by) is { } refusal ? (null, refusal)
        : (r with
        {
            Text = text, Priorities = priorities.Distinct().Order().ToList(), Revision = r.Revision + 1,
            History = [.. r.History, new RecommendationTransition(by, byName, now, r.Status, r.Status, null)],
        }, null);

    public static (Recommendation? Recommendation, RecommendationRefusal? Refusal) Withdraw(Recommendation r, string by, string byName, DateTimeOffset now) =>
        CanChange(r, by) is { } refusal ? (null, refusal) : (Move(r, RecommendationStatus.Withdrawn, by, byName, now, null), null);

    /// <summary>A facilitator puts a proposed recommendation on ballot <paramref name="ballot"/>.</summary>
    public static (Recommendation? Recommendation, RecommendationRefusal? Refusal) PutOnBallot(Recommendation r, int ballot, string by, string byName, DateTimeOffset now) =>
        r.Status != RecommendationStatus.Proposed ? (null, RecommendationRefusal.NotProposed)
        : (Move(r with { Ballot = ballot }, RecommendationStatus.OnBallot, by, byName, now, null), null);

    /// <summary>The ballot closed: adopted or not, with the plain sentence saying why.</summary>
    public static (Recommendation? Recommendation, RecommendationRefusal? Refusal) Conclude(
        Recommendation r, int ballot, bool adopted, string why, string by, string byName, DateTimeOffset now) =>
        r.Status != RecommendationStatus.OnBallot || r.Ballot != ballot ? (null, RecommendationRefusal.NotOnBallot)
        : (Move(r, adopted ? RecommendationStatus.Adopted : RecommendationStatus.NotAdopted, by, byName, now, why), null);

    private static Recommendation Move(Recommendation r, RecommendationStatus to, string by, string byName, DateTimeOffset now, string? comment) =>
        r with { Status = to, History = [.. r.History, new RecommendationTransition(by, byName, now, r.Status, to, comment)] };
}
