using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Priorities.Cards;
using VpiBot.Features.Shared;
using VpiBot.Notifications;
using VpiBot.Protocol;
using VpiBot.Resources;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Priorities;

/// <summary>
/// "send priorities": the facilitator sends every submitted priority to the government's review team. Each becomes
/// UnderReview; its review card is posted in the VPI's channel and sent 1:1 to each reviewer, and the posted cards are
/// remembered so they can be updated when decisions come in.
/// </summary>
public sealed class SendPrioritiesCommand(VpiAccess access, VpiStore vpis, PriorityStore priorities, ProactiveMessenger messenger, TimeProvider time) : ITextCommand
{
    public string Name => "send priorities";
    public string DescriptionKey => "Help.Command.SendPriorities";

    public async Task RunAsync(Turn turn, string arguments, CancellationToken ct)
    {
        if (await access.FindOrExplainAsync(turn, toManage: true, ct) is not { } scope)
        {
            return;
        }
        var vpi = scope.Vpi;
        var reviewers = (await vpis.GetMembersAsync(vpi.Id, ct)).Where(m => m.Role == VpiRole.ReviewTeam).ToList();
        if (reviewers.Count == 0)
        {
            await turn.SendTextAsync(VpiAccess.Explain(Refusal.NoReviewTeam, turn), ct);
            return;
        }
        var submitted = (await priorities.ListAsync(vpi.Id, ct)).Where(p => p.Status == PriorityStatus.Submitted).Reverse().ToList();
        if (submitted.Count == 0)
        {
            await turn.SendTextAsync(Text.Get("Review.NothingToSend", turn.Culture), ct);
            return;
        }
        var caller = scope.Caller!;
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
            var card = ReviewCard.Build(vpi, underReview, reviewers.Select(r => r.TeamsId).ToList(), canDecide: false, turn.Culture);
            var posted = new List<PostedCard?> { await messenger.PostCardAsync(vpi.Home.ServiceUrl, vpi.Home.ConversationId, vpi.TenantId, card, ct) };
            foreach (var reviewer in reviewers)
            {
                posted.Add(await messenger.SendCardToMemberAsync(reviewer, turn.Place.ServiceUrl, vpi.TenantId, turn.Activity.Recipient?.Id ?? "", card, ct));
            }
            await priorities.AddPostedCardsAsync(vpi.Id, underReview.Number, posted.OfType<PostedCard>().ToList(), ct);
            sent++;
        }
        await turn.SendTextAsync(Text.Get("Review.Sent", turn.Culture, sent, reviewers.Count), ct);
    }
}

/// <summary>Shared steps of the review cards.</summary>
public static class ReviewCards
{
    /// <summary>May this member decide on this priority now?</summary>
    public static bool CanDecide(Priority p, Member? caller) =>
        caller is { Role: VpiRole.ReviewTeam }
        && p.Status == PriorityStatus.UnderReview
        && p.Electorate.Contains(caller.AadObjectId, StringComparer.OrdinalIgnoreCase)
        && !p.Decisions.Any(d => string.Equals(d.ReviewerAadObjectId, caller.AadObjectId, StringComparison.OrdinalIgnoreCase));

    public static async Task<IReadOnlyList<string>> ReviewerTeamsIdsAsync(VpiStore vpis, Priority p, string vpiId, CancellationToken ct) =>
        (await vpis.GetMembersAsync(vpiId, ct))
            .Where(m => p.Electorate.Contains(m.AadObjectId, StringComparer.OrdinalIgnoreCase))
            .Select(m => m.TeamsId).ToList();

    public static int? Number(JsonObject data) => BotJson.IntAt(data, "number");
}

/// <summary>
/// The card's refresh (Teams sends it when someone listed in <c>refresh.userIds</c> looks at the card, or on demand):
/// each person gets the view that fits them — decision buttons only for a reviewer who has not decided yet.
/// </summary>
public sealed class ViewReviewAction(VpiAccess access, VpiStore vpis, PriorityStore priorities) : ICardAction
{
    public string Verb => ReviewCard.ViewVerb;

    public async Task<InvokeResponse> RunAsync(Turn turn, JsonObject data, CancellationToken ct)
    {
        var (scope, found, refused) = await PriorityOnCard.FindAsync(access, priorities, turn, data, ct);
        if (refused is not null)
        {
            return refused;
        }
        var p = found.Priority;
        return InvokeResponse.CardAction.Card(ReviewCard.Build(scope.Vpi, p, await ReviewCards.ReviewerTeamsIdsAsync(vpis, p, scope.Vpi.Id, ct),
            ReviewCards.CanDecide(p, scope.Caller), turn.Culture));
    }
}

/// <summary>
/// A reviewer's Approve / Reject / Request changes. Recorded once per reviewer, on the revision they saw; the status
/// follows the VPI's approval policy. Then every posted copy of the card is updated and the author is told, 1:1.
/// </summary>
public sealed class DecideAction(VpiAccess access, VpiStore vpis, PriorityStore priorities, Outbox outbox, ReviewCardUpdates cardUpdates, TimeProvider time) : ICardAction
{
    public string Verb => ReviewCard.DecideVerb;

    public async Task<InvokeResponse> RunAsync(Turn turn, JsonObject data, CancellationToken ct)
    {
        var (scope, refusal) = await access.FindForCardAsync(turn, data, ct);
        if (scope is null)
        {
            return VpiAccess.Refuse(refusal!.Value, turn);
        }
        var vpi = scope.Vpi;
        var decision = Labels.Parse<ReviewDecision>(BotJson.StringAt(data, "decision"));
        var revision = BotJson.IntAt(data, "revision") ?? -1;
        var comment = BotJson.StringAt(data, "comment")?.Trim();
        if (ReviewCards.Number(data) is not { } number || decision is null)
        {
            return VpiAccess.Refuse(Refusal.StaleCard, turn);
        }
        if (comment is { Length: > ReviewCard.MaxComment })
        {
            return InvokeResponse.CardAction.Message(Text.Get("Review.CommentTooLong", turn.Culture, ReviewCard.MaxComment));
        }
        if (scope.Caller is not { Role: VpiRole.ReviewTeam } reviewer)
        {
            return InvokeResponse.CardAction.Message(Text.Get("Priority.Refusal.NotReviewer", turn.Culture));
        }

        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await priorities.GetAsync(vpi.Id, number, ct) is not { } read)
            {
                return VpiAccess.Refuse(Refusal.StaleCard, turn);
            }
            var (decided, cannot) = PriorityReview.Decide(read.Priority, vpi.ApprovalPolicy, reviewer.AadObjectId, reviewer.Name,
                decision.Value, string.IsNullOrEmpty(comment) ? null : comment, revision, time.GetUtcNow());
            var reviewerIds = await ReviewCards.ReviewerTeamsIdsAsync(vpis, read.Priority, vpi.Id, ct);
            if (decided is null)
            {
                return cannot == ReviewRefusal.NotReviewer
                    ? InvokeResponse.CardAction.Message(Text.Get("Priority.Refusal.NotReviewer", turn.Culture))
                    : InvokeResponse.CardAction.Card(ReviewCard.Build(vpi, read.Priority, reviewerIds, ReviewCards.CanDecide(read.Priority, reviewer),
                        turn.Culture, Text.Get($"Priority.Refusal.{cannot}", turn.Culture)));
            }
            try
            {
                var saved = await priorities.SaveAsync(vpi.Id, read, decided, ct);
                await FollowUpAsync(vpi, saved.Priority, read.Priority.Status, turn, ct);
                return InvokeResponse.CardAction.Card(ReviewCard.Build(vpi, saved.Priority, reviewerIds, false, turn.Culture,
                    Text.Get("Review.Recorded", turn.Culture)));
            }
            catch (ConcurrencyConflictException)
            {
                // another reviewer decided at the same moment: read again and decide on top of theirs
            }
        }
        return VpiAccess.Refuse(Refusal.StaleCard, turn);
    }

    /// <summary>In the background: every posted copy shows the new state; the author hears the outcome once the round ends.</summary>
    private async Task FollowUpAsync(Vpi vpi, Priority p, PriorityStatus before, Turn turn, CancellationToken ct)
    {
        await cardUpdates.RequestAsync(vpi.Id, p.Number, turn.Culture, ct);
        if (p.Status == before)
        {
            return;
        }
        var culture = turn.Culture;
        var botId = turn.Activity.Recipient?.Id ?? "";
        var serviceUrl = turn.Place.ServiceUrl;
        await outbox.EnqueueAsync(async (services, stop) =>
        {
            if (await services.GetRequiredService<VpiStore>().GetMemberAsync(vpi.Id, p.AuthorAadObjectId, stop) is { } author)
            {
                await services.GetRequiredService<ProactiveMessenger>().SendCardToMemberAsync(author, serviceUrl, vpi.TenantId, botId, PriorityOutcomeCard.Build(p, culture), stop);
            }
        }, ct);
    }
}
