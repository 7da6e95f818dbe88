using System.Globalization;
using VpiBot.Domain;
using VpiBot.Features.Priorities.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Priorities;

/// <summary>
/// The review round: the facilitator sends submitted priorities to the government's review team; each reviewer sees
/// Approve / Reject / Request changes on the review card (their own view of it); the VPI's approval policy decides.
/// </summary>
public sealed class ReviewHandlers(VpiStore vpis, PriorityStore priorities, TimeProvider time)
{
    /// <summary>
    /// "send priorities": every submitted priority becomes UnderReview, and in the same write owes its review card in the
    /// VPI's channel and 1:1 to each reviewer (<see cref="PrioritySentForReview"/>, delivered by the outbox).
    /// </summary>
    public async Task<Answer> SendAsync(VpiTurn t, CancellationToken ct)
    {
        var vpi = t.Vpi;
        var reviewers = (await vpis.GetMembersAsync(vpi.Id, ct)).Where(m => m.Role == VpiRole.ReviewTeam).ToList();
        if (reviewers.Count == 0)
        {
            return t.Refuse(Refusal.NoReviewTeam);
        }
        var submitted = (await priorities.ListAsync(vpi.Id, ct)).Where(p => p.Status == PriorityStatus.Submitted).Reverse().ToList();
        if (submitted.Count == 0)
        {
            return Answer.Text(t.Say("Review.NothingToSend"));
        }
        var caller = t.Caller!;
        var sent = 0;
        foreach (var candidate in submitted)
        {
            var read = await priorities.GetAsync(vpi.Id, candidate.Number, ct);
            var (underReview, _) = read is null ? (null, null) : PriorityReview.SendForReview(read.Priority,
                reviewers.Select(r => r.AadObjectId).ToList(), caller.AadObjectId, caller.Name, time.GetUtcNow());
            if (underReview is null)
            {
                continue; // edited or withdrawn meanwhile
            }
            try
            {
                await priorities.SaveAsync(vpi.Id, read!, underReview,
                    [new PrioritySentForReview(vpi.Id, underReview.Number, t.Culture.Name, BotId(t), t.Turn.Place.ServiceUrl)], ct);
                sent++;
            }
            catch (ConcurrencyConflictException)
            {
                // edited or withdrawn meanwhile: not sent
            }
        }
        return Answer.Text(t.Say("Review.Sent", sent, reviewers.Count));
    }

    private static string BotId(VpiTurn t) => t.Turn.Activity.Recipient?.Id ?? "";

    private static PriorityDecided Decided(VpiTurn t, Priority p, bool roundEnded) =>
        new(t.Vpi.Id, p.Number, roundEnded, t.Culture.Name, BotId(t), t.Turn.Place.ServiceUrl);

    /// <summary>
    /// The card's refresh (Teams sends it when someone listed in <c>refresh.userIds</c> looks at the card, or on demand):
    /// each person gets the view that fits them — decision buttons only for a reviewer who may decide now.
    /// </summary>
    public async Task<Answer> ViewAsync(VpiTurn t, ViewReview data, CancellationToken ct)
    {
        if (await priorities.GetAsync(t.Vpi.Id, data.Number, ct) is not { } found)
        {
            return t.Refuse(Refusal.StaleCard);
        }
        var p = found.Priority;
        return Answer.Card(ReviewCard.Build(t.Vpi, p, await ReviewCards.ReviewerTeamsIdsAsync(vpis, p, t.Vpi.Id, ct),
            PriorityReview.CanDecide(p, t.Caller) is null, t.Culture));
    }

    /// <summary>
    /// A reviewer's decision, on the revision they saw: recorded as its own row with the card updates it owes
    /// (<see cref="PriorityDecided"/>), so reviewers deciding at the same moment never conflict. Then, if the recorded
    /// decisions end the round under the VPI's policy, the priority moves to its outcome (one conditional write; whoever
    /// concludes first wins, the others find it concluded) and the author is told 1:1.
    /// </summary>
    public async Task<Answer> DecideAsync(VpiTurn t, DecidePriority data, CancellationToken ct)
    {
        var vpi = t.Vpi;
        var comment = data.Comment?.Trim();
        if (comment is { Length: > ReviewCard.MaxComment })
        {
            return Answer.Text(t.Say("Review.CommentTooLong", ReviewCard.MaxComment));
        }
        var reviewer = t.Caller!;
        // the row alone: whether this reviewer decided already is the insert's to find out (one row per reviewer)
        if (await priorities.GetAsync(vpi.Id, data.Number, ct, withDecisions: false) is not { } read)
        {
            return t.Refuse(Refusal.StaleCard);
        }
        var (decision, cannot) = PriorityReview.Record(read.Priority, reviewer.AadObjectId, reviewer.Name, data.Decision,
            string.IsNullOrEmpty(comment) ? null : comment, data.Revision, time.GetUtcNow());
        if (decision is null || !await priorities.RecordDecisionAsync(vpi.Id, read.Priority, decision, [Decided(t, read.Priority, roundEnded: false)], ct))
        {
            return cannot == ReviewRefusal.NotReviewer
                ? Answer.Text(t.Say("Priority.Refusal.NotReviewer"))
                : await ReviewCardAsync(t, read.Priority, t.Say($"Priority.Refusal.{cannot ?? ReviewRefusal.AlreadyDecided}"), ct);
        }
        for (var attempt = 0; ; attempt++)
        {
            var now = await priorities.GetAsync(vpi.Id, data.Number, ct);
            if (now is null || now.Priority.Revision != read.Priority.Revision || now.Priority.Status != PriorityStatus.UnderReview)
            {
                // concluded by another reviewer's click: did this decision count?
                if (now is not null && now.Priority.Decisions.Any(d => string.Equals(d.ReviewerAadObjectId, reviewer.AadObjectId, StringComparison.OrdinalIgnoreCase)))
                {
                    return await ReviewCardAsync(t, now.Priority, t.Say("Review.Recorded"), ct);
                }
                await priorities.ForgetDecisionAsync(vpi.Id, read.Priority.Number, read.Priority.Revision, reviewer.AadObjectId, ct);
                return now is null ? t.Refuse(Refusal.StaleCard) : await ReviewCardAsync(t, now.Priority, t.Say("Priority.Refusal.NotUnderReview"), ct);
            }
            if (PriorityReview.Conclude(now.Priority, vpi.ApprovalPolicy, now.Priority.Decisions) is not { } concluded)
            {
                return await ReviewCardAsync(t, now.Priority, t.Say("Review.Recorded"), ct); // the round goes on
            }
            try
            {
                await priorities.SaveAsync(vpi.Id, now, concluded, [Decided(t, concluded, roundEnded: true)], ct);
                continue; // read once more: the answer shows the outcome, and says whether this decision counted
            }
            catch (ConcurrencyConflictException)
            {
                if (attempt >= 20)
                {
                    // the decision is recorded; whoever keeps winning the write concludes the round from the same rows
                    return await ReviewCardAsync(t, now.Priority, t.Say("Review.Recorded"), ct);
                }
                await Task.Delay(ConcurrencyConflictException.Backoff(attempt), ct); // another reviewer concluded at the same moment
            }
        }
    }

    /// <summary>The review card as this reviewer sees it now, with a notice.</summary>
    private async Task<Answer> ReviewCardAsync(VpiTurn t, Priority p, string notice, CancellationToken ct) =>
        Answer.Card(ReviewCard.Build(t.Vpi, p, await ReviewCards.ReviewerTeamsIdsAsync(vpis, p, t.Vpi.Id, ct),
            PriorityReview.CanDecide(p, t.Caller) is null, t.Culture, notice));
}

/// <summary>Shared steps of the review cards.</summary>
public static class ReviewCards
{
    /// <summary>The Teams ids to list in the card's <c>refresh.userIds</c>: none (and no roster read) beyond Teams' 60.</summary>
    public static async Task<IReadOnlyList<string>> ReviewerTeamsIdsAsync(VpiStore vpis, Priority p, string vpiId, CancellationToken ct) =>
        p.Electorate.Count > ReviewCard.MaxRefreshUsers ? [] : (await vpis.GetMembersAsync(vpiId, ct))
            .Where(m => p.Electorate.Contains(m.AadObjectId, StringComparer.OrdinalIgnoreCase))
            .Select(m => m.TeamsId).ToList();
}
