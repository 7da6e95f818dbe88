namespace VpiBot.Domain;

/// <summary>Why a review step is refused; message <c>Priority.Refusal.{name}</c>.</summary>
public enum ReviewRefusal { NotReviewer, NotUnderReview, CardOutOfDate, AlreadyDecided, NotAuthor, NotEditable, NotSubmittable, ReasonRequired }

/// <summary>
/// The priority's state machine, pure: Draft → Submitted → UnderReview → Approved | Rejected | ChangesRequested
/// (→ Submitted again after an edit); Draft and ChangesRequested may be withdrawn. Each step returns the new priority
/// with its audit entry, or a refusal that changes nothing.
/// </summary>
public static class PriorityReview
{
    public static Priority Create(int number, PriorityText text, bool submit, string author, string authorName, DateTimeOffset now)
    {
        var draft = new Priority(number, text, PriorityStatus.Draft, author, authorName, 1, [], [], [], now);
        var created = draft with { History = [new PriorityTransition(author, authorName, now, PriorityStatus.Draft, PriorityStatus.Draft, null)] };
        return submit ? Move(created, PriorityStatus.Submitted, author, authorName, now, null) : created;
    }

    /// <summary>Only the author changes a priority, and only while it is a draft or sent back for changes.</summary>
    public static ReviewRefusal? CanChange(Priority p, string? by) =>
        p.AuthorAadObjectId != by ? ReviewRefusal.NotAuthor
        : !p.IsEditable ? ReviewRefusal.NotEditable
        : null;

    /// <summary>The author edits a draft or a priority sent back for changes; it stays a draft or is submitted again.</summary>
    public static (Priority? Priority, ReviewRefusal? Refusal) Edit(Priority p, PriorityText text, bool submit, string by, string byName, DateTimeOffset now)
    {
        if (CanChange(p, by) is { } refusal)
        {
            return (null, refusal);
        }
        var edited = p with { Text = text, Revision = p.Revision + 1 };
        return (submit ? Move(edited, PriorityStatus.Submitted, by, byName, now, null) : edited, null);
    }

    public static (Priority? Priority, ReviewRefusal? Refusal) Withdraw(Priority p, string by, string byName, DateTimeOffset now) =>
        CanChange(p, by) is { } refusal ? (null, refusal) : (Move(p, PriorityStatus.Withdrawn, by, byName, now, null), null);

    /// <summary>The facilitator sends a submitted priority to the review team as it is now (the electorate is fixed for the round).</summary>
    public static (Priority? Priority, ReviewRefusal? Refusal) SendForReview(Priority p, IReadOnlyList<string> reviewTeam, string by, string byName, DateTimeOffset now) =>
        p.Status != PriorityStatus.Submitted ? (null, ReviewRefusal.NotSubmittable)
        : (Move(p with { Electorate = reviewTeam.ToList(), Decisions = [] }, PriorityStatus.UnderReview, by, byName, now, null), null);

    /// <summary>May this member decide on the priority now: on the review team, in the round's electorate, not decided yet.</summary>
    public static ReviewRefusal? CanDecide(Priority p, Member? caller) =>
        caller is not { Role: VpiRole.ReviewTeam } ? ReviewRefusal.NotReviewer : CanDecide(p, caller.AadObjectId);

    private static ReviewRefusal? CanDecide(Priority p, string reviewer) =>
        !p.Electorate.Contains(reviewer, StringComparer.OrdinalIgnoreCase) ? ReviewRefusal.NotReviewer
        : p.Status != PriorityStatus.UnderReview ? ReviewRefusal.NotUnderReview
        : p.Decisions.Any(d => string.Equals(d.ReviewerAadObjectId, reviewer, StringComparison.OrdinalIgnoreCase)) ? ReviewRefusal.AlreadyDecided
        : null;

    /// <summary>
    /// A reviewer's decision on the revision they saw, to be recorded on its own (one per reviewer per round; a double
    /// click records one). Whether it ends the round is <see cref="Conclude"/>'s to say, from all decisions recorded.
    /// </summary>
    public static (ReviewerDecision? Decision, ReviewRefusal? Refusal) Record(
        Priority p, string reviewer, string reviewerName, ReviewDecision decision, string? comment, int revisionSeen, DateTimeOffset now)
    {
        if (CanDecide(p, reviewer) is { } refusal)
        {
            return (null, refusal);
        }
        if (revisionSeen != p.Revision)
        {
            return (null, ReviewRefusal.CardOutOfDate);
        }
        if (decision != ReviewDecision.Approve && string.IsNullOrWhiteSpace(comment))
        {
            return (null, ReviewRefusal.ReasonRequired); // the author must know what to change, or why not
        }
        return (new ReviewerDecision(reviewer, reviewerName, decision, comment, now), null);
    }

    /// <summary>
    /// The round's end, if the decisions recorded (in the order they were made) reach one under the policy: the priority
    /// moved to its outcome, keeping the decisions that counted — those up to the one that decided; any after it came
    /// once the round was over. Null while the round is open. Pure and deterministic, so whoever concludes agrees.
    /// </summary>
    public static Priority? Conclude(Priority p, ApprovalPolicy policy, IReadOnlyList<ReviewerDecision> recorded)
    {
        if (p.Status != PriorityStatus.UnderReview)
        {
            return null;
        }
        var counted = recorded.Where(d => p.Electorate.Contains(d.ReviewerAadObjectId, StringComparer.OrdinalIgnoreCase))
            .OrderBy(d => d.At).ThenBy(d => d.ReviewerAadObjectId, StringComparer.OrdinalIgnoreCase).ToList();
        for (var k = 1; k <= counted.Count; k++)
        {
            if (Outcome(policy, p.Electorate.Count, counted.Take(k).Select(d => d.Decision).ToList()) is { } status)
            {
                var decider = counted[k - 1];
                return Move(p with { Decisions = counted.Take(k).ToList() }, status, decider.ReviewerAadObjectId, decider.ReviewerName, decider.At, decider.Comment);
            }
        }
        return null;
    }

    /// <summary>A decision recorded and, if it ends the round, the outcome: <see cref="Record"/> then <see cref="Conclude"/>.</summary>
    public static (Priority? Priority, ReviewRefusal? Refusal) Decide(
        Priority p, ApprovalPolicy policy, string reviewer, string reviewerName, ReviewDecision decision, string? comment, int revisionSeen, DateTimeOffset now)
    {
        var (recorded, refusal) = Record(p, reviewer, reviewerName, decision, comment, revisionSeen, now);
        if (recorded is null)
        {
            return (null, refusal);
        }
        var decided = p with { Decisions = [.. p.Decisions, recorded] };
        return (Conclude(decided, policy, decided.Decisions) ?? decided, null);
    }

    /// <summary>
    /// The status a round reaches, or null while it is still open.
    /// Any reviewer: the first decision decides. All reviewers: one rejection or request for changes decides, otherwise all must approve.
    /// Majority: more than half of the review team approves; once that cannot happen any more, the round ends as the
    /// more frequent of rejection and request for changes (changes on a tie: the milder outcome).
    /// </summary>
    public static PriorityStatus? Outcome(ApprovalPolicy policy, int electorate, IReadOnlyList<ReviewDecision> decisions)
    {
        if (decisions.Count == 0)
        {
            return null;
        }
        int approvals = decisions.Count(d => d == ReviewDecision.Approve), rejections = decisions.Count(d => d == ReviewDecision.Reject);
        int changes = decisions.Count(d => d == ReviewDecision.RequestChanges);
        switch (policy)
        {
            case ApprovalPolicy.AnyReviewer:
                return Status(decisions[0]);
            case ApprovalPolicy.AllReviewers:
                return rejections > 0 ? PriorityStatus.Rejected
                    : changes > 0 ? PriorityStatus.ChangesRequested
                    : approvals >= electorate ? PriorityStatus.Approved
                    : null;
            default:
                var outstanding = electorate - decisions.Count;
                if (approvals * 2 > electorate)
                {
                    return PriorityStatus.Approved;
                }
                if ((approvals + outstanding) * 2 > electorate)
                {
                    return null;
                }
                return rejections > changes ? PriorityStatus.Rejected : PriorityStatus.ChangesRequested;
        }
    }

    private static PriorityStatus Status(ReviewDecision decision) => decision switch
    {
        ReviewDecision.Approve => PriorityStatus.Approved,
        ReviewDecision.Reject => PriorityStatus.Rejected,
        _ => PriorityStatus.ChangesRequested,
    };

    private static Priority Move(Priority p, PriorityStatus to, string by, string byName, DateTimeOffset now, string? comment) =>
        p with { Status = to, History = [.. p.History, new PriorityTransition(by, byName, now, p.Status, to, comment)] };
}
