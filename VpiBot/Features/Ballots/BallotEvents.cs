using System.Globalization;
using System.Text.Json;
using VpiBot.Domain;
using VpiBot.Features.Ballots.Cards;
using VpiBot.Notifications;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Ballots;

/// <summary>A ballot opened. Owes: its card in the VPI's channel and 1:1 to each voter, every copy tracked for updates.</summary>
public sealed record BallotOpened(string VpiId, int Number) : IVpiEvent;

/// <summary>Someone voted. Owes: the posted copies updated (turnout, and the tally when shown).</summary>
public sealed record VoteCast(string VpiId, int Number) : IVpiEvent;

/// <summary>A ballot closed. Owes: every copy updated, the outcome card in the channel, each proposer told 1:1.</summary>
public sealed record BallotClosed(string VpiId, int Number) : IVpiEvent;

/// <summary>What ballot views render from: the ballot's number (and a recommendation on it, for its proposer).</summary>
public sealed record BallotRef(int Number, int Recommendation = 0);

/// <summary>The deliveries a ballot owes, from the ballot and the roster as they are when the event is handled.</summary>
public sealed class BallotNotifications(VpiStore vpis, BallotStore ballots, RecommendationStore recommendations)
    : IVpiEventHandler<BallotOpened>, IVpiEventHandler<VoteCast>, IVpiEventHandler<BallotClosed>
{
    /// <summary>The tracking key of a ballot's cards sent 1:1 (no tracking key may begin another: they are listed by prefix).</summary>
    public static string Track(int number) => "ballot|" + number.ToString("D6", CultureInfo.InvariantCulture) + "|1to1";

    /// <summary>The tracking key of its card posted in the VPI's channel.</summary>
    public static string HomeTrack(int number) => "ballot|" + number.ToString("D6", CultureInfo.InvariantCulture) + "|home";

    public async Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(BallotOpened e, CancellationToken ct)
    {
        if (await ballots.GetAsync(e.VpiId, e.Number, ct) is not { Item: var b })
        {
            return [];
        }
        var card = new BallotRef(e.Number);
        var voters = (await vpis.GetMembersAsync(e.VpiId, ct)).Where(m => b.VoterOf(m.AadObjectId) is not null)
            .OrderBy(m => m.AadObjectId, StringComparer.Ordinal); // the same order each time the event is handled
        return
        [
            OutboxDelivery.ToHome(BallotCardView.ViewName, card, b.Culture, HomeTrack(e.Number)),
            .. voters.Select(v => OutboxDelivery.ToMember(v, b.BotId, b.ServiceUrl, BallotCardView.ViewName, card, b.Culture, Track(e.Number))),
        ];
    }

    /// <summary>
    /// The channel's copy follows every vote. The voters' 1:1 copies follow too on a ballot of up to 60 voters; on a
    /// larger one they are updated when it closes (two hundred votes would otherwise ask for forty thousand updates, and
    /// each voter opens their own view anyway).
    /// </summary>
    public async Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(VoteCast e, CancellationToken ct)
    {
        if (await ballots.GetAsync(e.VpiId, e.Number, ct) is not { Item: var b })
        {
            return [];
        }
        var card = new BallotRef(e.Number);
        return b.Electorate.Count <= BallotCard.MaxRefreshUsers
            ? [OutboxDelivery.UpdatePosted(HomeTrack(e.Number), BallotCardView.ViewName, card, b.Culture), OutboxDelivery.UpdatePosted(Track(e.Number), BallotCardView.ViewName, card, b.Culture)]
            : [OutboxDelivery.UpdatePosted(HomeTrack(e.Number), BallotCardView.ViewName, card, b.Culture)];
    }

    public async Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(BallotClosed e, CancellationToken ct)
    {
        if (await ballots.GetAsync(e.VpiId, e.Number, ct) is not { Item: var b })
        {
            return [];
        }
        var card = new BallotRef(e.Number);
        var deliveries = new List<OutboxDelivery>
        {
            OutboxDelivery.UpdatePosted(HomeTrack(e.Number), BallotCardView.ViewName, card, b.Culture),
            OutboxDelivery.UpdatePosted(Track(e.Number), BallotCardView.ViewName, card, b.Culture),
            OutboxDelivery.ToHome(BallotOutcomeView.ViewName, card, b.Culture),
        };
        foreach (var number in b.Recommendations)
        {
            if (await recommendations.GetAsync(e.VpiId, number, ct) is { } r && await vpis.GetMemberAsync(e.VpiId, r.Item.ProposerAadObjectId, ct) is { } proposer)
            {
                deliveries.Add(OutboxDelivery.ToMember(proposer, b.BotId, b.ServiceUrl, ProposerOutcomeView.ViewName, new BallotRef(e.Number, number), b.Culture));
            }
        }
        return deliveries;
    }
}

/// <summary>The ballot card as it is now: everyone's view (no inputs; each voter's own view comes on refresh).</summary>
public sealed class BallotCardView(BallotStore ballots, BallotReading reading) : IMessageView
{
    public const string ViewName = "ballot.card";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct) =>
        await ballots.GetAsync(vpi.Id, args.Deserialize<BallotRef>(VpiStore.Json)!.Number, ct) is { Item: var b }
            ? OutboxMessage.OfCard(BallotCard.Build(vpi, await reading.StateAsync(vpi.Id, b, ct), null, Text.Culture(culture), posted: true))
            : null;
}

/// <summary>The outcome card of a closed ballot, posted in the channel.</summary>
public sealed class BallotOutcomeView(BallotStore ballots, BallotReading reading) : IMessageView
{
    public const string ViewName = "ballot.outcome";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct)
    {
        if (await ballots.GetAsync(vpi.Id, args.Deserialize<BallotRef>(VpiStore.Json)!.Number, ct) is not { Item: { Result: not null } b })
        {
            return null;
        }
        var state = await reading.StateAsync(vpi.Id, b, ct);
        return OutboxMessage.OfCard(BallotOutcomeCard.Build(vpi, b, state.Recommendations, Text.Culture(culture)));
    }
}

/// <summary>A recommendation's outcome, 1:1 to its proposer.</summary>
public sealed class ProposerOutcomeView(BallotStore ballots, RecommendationStore recommendations) : IMessageView
{
    public const string ViewName = "ballot.proposer";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct)
    {
        var at = args.Deserialize<BallotRef>(VpiStore.Json)!;
        return await ballots.GetAsync(vpi.Id, at.Number, ct) is { Item.Result: { } result }
            && result.Outcomes.FirstOrDefault(o => o.Recommendation == at.Recommendation) is { } outcome
            && await recommendations.GetAsync(vpi.Id, at.Recommendation, ct) is { } r
            ? OutboxMessage.OfCard(ProposerOutcomeCard.Build(r.Item, outcome, Text.Culture(culture)))
            : null;
    }
}

/// <summary>"Closing soon", 1:1 to a voter who had not voted when it was queued; nothing once the ballot is closed.</summary>
public sealed class ReminderView(BallotStore ballots) : IMessageView
{
    public const string ViewName = "ballot.reminder";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct) =>
        await ballots.GetAsync(vpi.Id, args.Deserialize<BallotRef>(VpiStore.Json)!.Number, ct) is { Item: { Status: BallotStatus.Open } b }
            ? OutboxMessage.OfCard(ReminderCard.Build(vpi, b, Text.Culture(culture)))
            : null;
}
