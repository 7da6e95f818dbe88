using VpiBot.Domain;
using VpiBot.Features.Priorities.Cards;
using VpiBot.Features.Shared;
using VpiBot.Notifications;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Priorities;

/// <summary>
/// The review round: the facilitator sends submitted priorities to the government's review team; each reviewer sees
/// Approve / Reject / Request changes on the review card (their own view of it); the VPI's approval policy decides.
/// </summary>
public sealed class ReviewHandlers(VpiStore vpis, PriorityStore priorities, ProactiveMessenger messenger, Outbox outbox,
    ReviewCardUpdates cardUpdates, TimeProvider time)
{
    /// <summary>
    /// "send priorities": every submitted priority becomes UnderReview; its review card is posted in the VPI's channel and
    /// sent 1:1 to each reviewer, and the posted cards are remembered so they can be updated when decisions come in.
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
        var turn = t.Turn;
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
                read = await priorities.SaveAsync(vpi.Id, read!, underReview, ct);
            }
            catch (ConcurrencyConflictException)
            {
                continue;
            }
            var card = ReviewCard.Build(vpi, underReview, reviewers.Select(r => r.TeamsId).ToList(), canDecide: false, t.Culture);
            var posted = new List<PostedCard?> { await messenger.PostCardAsync(vpi.Home.ServiceUrl, vpi.Home.ConversationId, vpi.TenantId, card, ct) };
            foreach (var reviewer in reviewers)
            {
                posted.Add(await messenger.SendCardToMemberAsync(reviewer, turn.Place.ServiceUrl, vpi.TenantId, turn.Activity.Recipient?.Id ?? "", card, ct));
            }
            await priorities.AddPostedCardsAsync(vpi.Id, underReview.Number, posted.OfType<PostedCard>().ToList(), ct);
            sent++;
        }
        return Answer.Text(t.Say("Review.Sent", sent, reviewers.Count));
    }

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
    /// A reviewer's decision. Recorded once per reviewer, on the revision they saw; the status follows the VPI's
    /// approval policy. Then every posted copy of the card is updated and the author is told, 1:1.
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
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await priorities.GetAsync(vpi.Id, data.Number, ct) is not { } read)
            {
                return t.Refuse(Refusal.StaleCard);
            }
            var (decided, cannot) = PriorityReview.Decide(read.Priority, vpi.ApprovalPolicy, reviewer.AadObjectId, reviewer.Name,
                data.Decision, string.IsNullOrEmpty(comment) ? null : comment, data.Revision, time.GetUtcNow());
            var reviewerIds = await ReviewCards.ReviewerTeamsIdsAsync(vpis, read.Priority, vpi.Id, ct);
            if (decided is null)
            {
                return cannot == ReviewRefusal.NotReviewer
                    ? Answer.Text(t.Say("Priority.Refusal.NotReviewer"))
                    : Answer.Card(ReviewCard.Build(vpi, read.Priority, reviewerIds, PriorityReview.CanDecide(read.Priority, reviewer) is null,
                        t.Culture, t.Say($"Priority.Refusal.{cannot}")));
            }
            try
            {
                var saved = await priorities.SaveAsync(vpi.Id, read, decided, ct);
                await FollowUpAsync(t, saved.Priority, read.Priority.Status, ct);
                return Answer.Card(ReviewCard.Build(vpi, saved.Priority, reviewerIds, false, t.Culture, t.Say("Review.Recorded")));
            }
            catch (ConcurrencyConflictException)
            {
                // another reviewer decided at the same moment: read again and decide on top of theirs
            }
        }
        return t.Refuse(Refusal.StaleCard);
    }

    /// <summary>In the background: every posted copy shows the new state; the author hears the outcome once the round ends.</summary>
    private async Task FollowUpAsync(VpiTurn t, Priority p, PriorityStatus before, CancellationToken ct)
    {
        var vpi = t.Vpi;
        await cardUpdates.RequestAsync(vpi.Id, p.Number, t.Culture, ct);
        if (p.Status == before)
        {
            return;
        }
        var culture = t.Culture;
        var botId = t.Turn.Activity.Recipient?.Id ?? "";
        var serviceUrl = t.Turn.Place.ServiceUrl;
        await outbox.EnqueueAsync(async (services, stop) =>
        {
            if (await services.GetRequiredService<VpiStore>().GetMemberAsync(vpi.Id, p.AuthorAadObjectId, stop) is { } author)
            {
                await services.GetRequiredService<ProactiveMessenger>().SendCardToMemberAsync(author, serviceUrl, vpi.TenantId, botId, PriorityOutcomeCard.Build(p, culture), stop);
            }
        }, ct);
    }
}

/// <summary>Shared steps of the review cards.</summary>
public static class ReviewCards
{
    public static async Task<IReadOnlyList<string>> ReviewerTeamsIdsAsync(VpiStore vpis, Priority p, string vpiId, CancellationToken ct) =>
        (await vpis.GetMembersAsync(vpiId, ct))
            .Where(m => p.Electorate.Contains(m.AadObjectId, StringComparer.OrdinalIgnoreCase))
            .Select(m => m.TeamsId).ToList();
}
