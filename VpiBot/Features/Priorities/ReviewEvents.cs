using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Priorities.Cards;
using VpiBot.Notifications;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Priorities;

/// <summary>
/// A priority went to the review team. Owes: its review card posted in the VPI's home, and sent 1:1 to each reviewer
/// of the round; every copy tracked so later decisions update it. <paramref name="BotId"/> and
/// <paramref name="ServiceUrl"/> are how the bot opens 1:1 chats (from the turn that caused the event).
/// </summary>
public sealed record PrioritySentForReview(string VpiId, int Number, string Culture, string BotId, string ServiceUrl) : IVpiEvent;

/// <summary>A reviewer decided. Owes: every posted copy of the review card updated; when the round ended, the author told 1:1.</summary>
public sealed record PriorityDecided(string VpiId, int Number, bool RoundEnded, string Culture, string BotId, string ServiceUrl) : IVpiEvent;

/// <summary>What the review card views are rendered from: the priority's number.</summary>
public sealed record PriorityRef(int Number);

/// <summary>The deliveries the review round owes, read from the priority and the roster as they are when the event is handled.</summary>
public sealed class ReviewNotifications(VpiStore vpis, PriorityStore priorities)
    : IVpiEventHandler<PrioritySentForReview>, IVpiEventHandler<PriorityDecided>
{
    /// <summary>The tracking key of a priority's review cards sent 1:1 (no tracking key may begin another: they are listed by prefix).</summary>
    public static string Track(int number) => "priority|" + number.ToString("D6", CultureInfo.InvariantCulture) + "|1to1";

    /// <summary>The tracking key of its review card posted in the VPI's channel.</summary>
    public static string HomeTrack(int number) => "priority|" + number.ToString("D6", CultureInfo.InvariantCulture) + "|home";

    public async Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(PrioritySentForReview e, CancellationToken ct)
    {
        if (await priorities.GetAsync(e.VpiId, e.Number, ct) is not { } found)
        {
            return [];
        }
        var card = new PriorityRef(e.Number);
        var reviewers = (await vpis.GetMembersAsync(e.VpiId, ct))
            .Where(m => found.Priority.Electorate.Contains(m.AadObjectId, StringComparer.OrdinalIgnoreCase))
            .OrderBy(m => m.AadObjectId, StringComparer.Ordinal); // the same order each time the event is handled
        return
        [
            OutboxDelivery.ToHome(ReviewCardView.ViewName, card, e.Culture, HomeTrack(e.Number)),
            .. reviewers.Select(r => OutboxDelivery.ToMember(r, e.BotId, e.ServiceUrl, ReviewCardView.ViewName, card, e.Culture, Track(e.Number))),
        ];
    }

    /// <summary>
    /// The channel's copy shows every decision as it comes. The reviewers' 1:1 copies follow each decision too in a
    /// round of up to 60 reviewers (Teams' refresh limit); in a larger round they are updated when it ends — two hundred
    /// decisions would otherwise ask for forty thousand card updates, and each reviewer can open their own view anyway.
    /// </summary>
    public async Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(PriorityDecided e, CancellationToken ct)
    {
        var card = new PriorityRef(e.Number);
        var deliveries = new List<OutboxDelivery> { OutboxDelivery.UpdatePosted(HomeTrack(e.Number), ReviewCardView.ViewName, card, e.Culture) };
        var found = await priorities.GetAsync(e.VpiId, e.Number, ct, withDecisions: false);
        if (e.RoundEnded || found is null || found.Priority.Electorate.Count <= ReviewCard.MaxRefreshUsers)
        {
            deliveries.Add(OutboxDelivery.UpdatePosted(Track(e.Number), ReviewCardView.ViewName, card, e.Culture));
        }
        if (e.RoundEnded && found is not null && await vpis.GetMemberAsync(e.VpiId, found.Priority.AuthorAadObjectId, ct) is { } author)
        {
            deliveries.Add(OutboxDelivery.ToMember(author, e.BotId, e.ServiceUrl, PriorityOutcomeView.ViewName, card, e.Culture));
        }
        return deliveries;
    }
}

/// <summary>
/// The review card as it is now (everyone's base view: no decision buttons; each reviewer's own view comes on refresh).
/// A fan-out renders the same card for every reviewer: renders are kept per priority version and culture (a bounded
/// number), so a thousand sends read the priority a thousand times but the roster once.
/// </summary>
public sealed class ReviewCardView(VpiStore vpis, PriorityStore priorities, ReviewCardRenders renders) : IMessageView
{
    /// <summary>
    /// What the card shows changes with the priority's row (its ETag) and, during a round, with the decisions, which are
    /// rows of their own and leave the priority's ETag as it was: both make the version.
    /// </summary>
    public static string Version(VersionedPriority found) =>
        found.ETag + "|" + string.Join(",", found.Priority.Decisions.Select(d => d.ReviewerAadObjectId + ":" + d.Decision));

    public const string ViewName = "priority.review";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct)
    {
        var number = args.Deserialize<PriorityRef>(VpiStore.Json)!.Number;
        if (await priorities.GetAsync(vpi.Id, number, ct) is not { } found)
        {
            return null;
        }
        var key = (vpi.Id, number, Version(found), culture);
        if (!renders.TryGet(key, out var card))
        {
            var p = found.Priority;
            var reviewers = await ReviewCards.ReviewerTeamsIdsAsync(vpis, p, vpi.Id, ct); // none beyond Teams' 60: no roster read then
            card = ReviewCard.Build(vpi, p, reviewers, canDecide: false, Text.Culture(culture), posted: true);
            renders.Add(key, card);
        }
        return OutboxMessage.OfCard((JsonObject)card.DeepClone());
    }
}

/// <summary>Review cards rendered lately, by VPI, priority, its version (<see cref="ReviewCardView.Version"/>) and culture (bounded; process-wide).</summary>
public sealed class ReviewCardRenders
{
    private const int MaxKept = 256;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int, string, string), JsonObject> _cards = new();

    public bool TryGet((string, int, string, string) key, out JsonObject card) => _cards.TryGetValue(key, out card!);

    public void Add((string, int, string, string) key, JsonObject card)
    {
        if (_cards.Count >= MaxKept)
        {
            _cards.Clear();
        }
        _cards[key] = card;
    }
}

/// <summary>The outcome of a review round, for the author.</summary>
public sealed class PriorityOutcomeView(PriorityStore priorities) : IMessageView
{
    public const string ViewName = "priority.outcome";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct) =>
        await priorities.GetAsync(vpi.Id, args.Deserialize<PriorityRef>(VpiStore.Json)!.Number, ct) is { } found
            ? OutboxMessage.OfCard(PriorityOutcomeCard.Build(found.Priority, Text.Culture(culture)))
            : null;
}
