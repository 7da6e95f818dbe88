using System.Globalization;
using VpiBot.Domain;
using VpiBot.Features.Ballots.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Ballots;

/// <summary>
/// Ballots on joint recommendations: facilitators open them on proposed recommendations; the electorate (review team
/// and alliance; facilitators when ticked) votes from the ballot card; they close at the deadline (or early) and the
/// recommendations are adopted or not as the counting says.
/// </summary>
public sealed class BallotHandlers(VpiStore vpis, RecommendationStore recommendations, BallotStore ballots, BallotReading reading,
    BallotClosing closing, BallotCloser closer, TimeProvider time)
{
    /// <summary>"open vote": the form, on the recommendations proposed now (the VPI's time zone confirmed first).</summary>
    public async Task<Answer> FormAsync(VpiTurn t, CancellationToken ct)
    {
        if (t.Vpi.TimeZone is null)
        {
            return Answer.Card(Vpis.Cards.TimeZoneCard.AskFirst(t.Vpi, t.Culture, "open vote"));
        }
        var proposed = await ProposedAsync(t.Vpi.Id, ct);
        return proposed.Count == 0
            ? Answer.Text(t.Say("Ballot.NothingProposed"))
            : Answer.Card(BallotFormCard.Build(t.Vpi, proposed, new OpenBallot(t.Vpi.Id), t.Culture));
    }

    private async Task<IReadOnlyList<Recommendation>> ProposedAsync(string vpiId, CancellationToken ct) =>
        (await recommendations.ListAsync(vpiId, ct)).Select(r => r.Item).Where(r => r.Status == RecommendationStatus.Proposed).ToList();

    /// <summary>
    /// The form's Open: the ballot, its recommendations put on it, and the cards it owes (<see cref="BallotOpened"/>) in one
    /// atomic write; a recommendation edited or withdrawn meanwhile makes it fail whole, and the form comes back.
    /// </summary>
    public async Task<Answer> OpenAsync(VpiTurn t, OpenBallot data, CancellationToken ct)
    {
        var vpi = t.Vpi;
        if (vpi.TimeZone is not { } zone)
        {
            return Answer.Card(Vpis.Cards.TimeZoneCard.AskFirst(vpi, t.Culture, "open vote"));
        }
        var proposed = await ProposedAsync(vpi.Id, ct);
        var now = time.GetUtcNow();
        var (rules, numbers, errors) = BallotInput.ReadForm(data, zone, proposed.Select(r => r.Number).ToList(), now, t.Culture);
        var electorate = rules is null ? [] : Electorate(await vpis.GetMembersAsync(vpi.Id, ct), rules);
        if (rules is not null)
        {
            errors.AddRange(ElectorateProblems(rules, electorate).Select(key => t.Say(key)));
        }
        if (errors.Count > 0)
        {
            return Answer.Card(BallotFormCard.Build(vpi, proposed, data, t.Culture, errors));
        }
        var caller = t.Caller!;
        var reads = new List<Versioned<Recommendation>>();
        foreach (var n in numbers)
        {
            if (await recommendations.GetAsync(vpi.Id, n, ct) is not { Item.Status: RecommendationStatus.Proposed } read)
            {
                // withdrawn or put on another ballot since the list above was read
                return Answer.Card(BallotFormCard.Build(vpi, await ProposedAsync(vpi.Id, ct), data, t.Culture, [t.Say("BallotForm.NotProposed", n)]));
            }
            reads.Add(read);
        }
        try
        {
            var ballot = await ballots.OpenAsync(vpi.Id, number =>
            {
                var b = new Ballot(number, numbers, rules!, electorate, BallotStatus.Open, caller.AadObjectId, caller.Name, now,
                    Secret: rules!.Anonymous ? BallotStore.NewSecret() : null,
                    BotId: t.Turn.Activity.Recipient?.Id ?? "", ServiceUrl: t.Turn.Place.ServiceUrl, Culture: t.Culture.Name);
                // each was read as proposed, so each can be put on it; a change since makes the conditional batch fail whole
                var putOn = reads.Select(r => recommendations.Replace(r, RecommendationRules.PutOnBallot(r.Item, number, caller.AadObjectId, caller.Name, now).Recommendation!)).ToList();
                return (b, putOn, [new BallotOpened(vpi.Id, number)]);
            }, ct);
            closer.Wake();
            // the form gives way to what happened, so that it cannot open a second ballot by mistake
            return Answer.Card(BallotOpenedCard.Build(ballot, t.Culture));
        }
        catch (ConcurrencyConflictException)
        {
            // a recommendation changed meanwhile (edited, withdrawn, put on another ballot): the form again, as it is now
            return Answer.Card(BallotFormCard.Build(vpi, await ProposedAsync(vpi.Id, ct), data, t.Culture, [t.Say("Refusal.StaleCard")]));
        }
    }

    /// <summary>Who votes: the review team and the alliance, and the facilitators when ticked; each with their side.</summary>
    public static IReadOnlyList<Voter> Electorate(IEnumerable<Member> roster, BallotRules rules) => roster
        .Where(m => m.Role != VpiRole.Facilitator || rules.FacilitatorsVote)
        .OrderBy(m => m.AadObjectId, StringComparer.Ordinal)
        .Select(m => new Voter(m.AadObjectId, m.Name, BallotCount.SideOf(m))).ToList();

    /// <summary>A ballot nobody can vote on, or a joint one missing a side, cannot be opened.</summary>
    private static IEnumerable<string> ElectorateProblems(BallotRules rules, IReadOnlyList<Voter> electorate)
    {
        if (electorate.Count == 0)
        {
            yield return "BallotForm.NoVoters";
        }
        else if (rules.DoubleMajority && !(electorate.Any(v => v.Side == Side.Government) && electorate.Any(v => v.Side == Side.CivilSociety)))
        {
            yield return "BallotForm.NeedsBothSides";
        }
    }

    /// <summary>The card's refresh and "Open my ballot": the viewer's own view (the options with their vote marked, for a voter).</summary>
    public async Task<Answer> ViewAsync(VpiTurn t, ViewBallot data, CancellationToken ct) =>
        await ballots.GetAsync(t.Vpi.Id, data.Number, ct) is { } found
            ? await CardAsync(t, found.Item, null, null, ct)
            : t.Refuse(Refusal.StaleCard);

    private async Task<Answer> CardAsync(VpiTurn t, Ballot b, string? notice, IReadOnlyList<string>? problems, CancellationToken ct) =>
        Answer.Card(BallotCard.Build(t.Vpi, await reading.StateAsync(t.Vpi.Id, b, ct),
            await reading.ViewerAsync(t.Vpi.Id, b, t.Caller?.AadObjectId, time.GetUtcNow(), ct), t.Culture, notice, problems));

    /// <summary>
    /// A voter's vote: checked (every problem named on the card, what was chosen kept), then recorded as the voter's own
    /// rows, replacing their earlier vote. Refused, changing nothing, from outside the electorate, after the deadline or
    /// once the ballot is closed.
    /// </summary>
    public async Task<Answer> VoteAsync(VpiTurn t, CastVote data, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (await ballots.GetAsync(t.Vpi.Id, data.Number, ct) is not { Item: var b })
        {
            return t.Refuse(Refusal.StaleCard);
        }
        if (b.VoterOf(t.Caller?.AadObjectId) is not { } voter)
        {
            return Answer.Text(t.Say("Vote.NotInElectorate", b.Number));
        }
        if (b.Status != BallotStatus.Open || now >= b.Rules.Deadline)
        {
            return await CardAsync(t, b, t.Say("Vote.Closed", b.Number), null, ct);
        }
        if (BallotInput.HasExtra(b, data))
        {
            return t.Refuse(Refusal.StaleCard);
        }
        var choices = BallotInput.ReadVote(b, data);
        if (BallotCount.Check(b, choices) is { Count: > 0 } problems)
        {
            // the card comes back with what they chose (a reason over the limit cut to it, so the card stays within Teams' size)
            var typed = choices.Select(c => c with { Reason = c.Reason is { Length: > BallotRules.MaxReason } r ? r[..BallotRules.MaxReason] : c.Reason }).ToList();
            var me = await reading.ViewerAsync(t.Vpi.Id, b, voter.AadObjectId, now, ct);
            return Answer.Card(BallotCard.Build(t.Vpi, await reading.StateAsync(t.Vpi.Id, b, ct),
                me! with { Vote = new StoredVote(voter.Side, typed) }, t.Culture, null, BallotInput.Explain(problems, t.Culture)));
        }
        var outcome = await ballots.CastAsync(t.Vpi.Id, b, voter, choices, now, [new VoteCast(t.Vpi.Id, b.Number)], ct);
        return await CardAsync(t, b, t.Say(outcome switch
        {
            VoteOutcome.Closed => "Vote.Closed",
            VoteOutcome.Superseded => "Vote.Superseded",
            _ => "Vote.Recorded",
        }, b.Number), null, ct);
    }

    /// <summary>"votes": open ballots and the latest results.</summary>
    public async Task<Answer> ListAsync(VpiTurn t, CancellationToken ct)
    {
        var all = new List<(Ballot, int)>();
        foreach (var b in (await ballots.ListAsync(t.Vpi.Id, ct)).Select(v => v.Item))
        {
            all.Add((b, b.Status == BallotStatus.Open ? (await ballots.MarksAsync(t.Vpi.Id, b.Number, ct)).Values.Count(m => m.Voted) : b.Result?.Counted ?? 0));
        }
        return Answer.Card(BallotListCard.Build(t.Vpi, all, t.Culture));
    }

    /// <summary>"close vote N" (facilitators): closes it now, as the deadline would.</summary>
    public async Task<Answer> CloseAsync(VpiTurn t, string arguments, CancellationToken ct)
    {
        if (await FindAsync(t, arguments, ct) is not { } b)
        {
            return Answer.Text(t.Say("Ballot.NotFound"));
        }
        if (b.Status == BallotStatus.Closed)
        {
            return Answer.Text(t.Say("Ballot.AlreadyClosed", b.Number));
        }
        var closed = await closing.CloseAsync(t.Vpi.Id, b.Number, t.Caller!.AadObjectId, t.Caller.Name, ct);
        return Answer.Text(t.Say("Ballot.ClosedNow", b.Number, closed?.Result?.Outcomes.Count(o => o.Adopted) ?? 0, b.Recommendations.Count));
    }

    /// <summary>"who hasn't voted N" (facilitators): the names, per side (who voted is known even on an anonymous ballot; how, never).</summary>
    public async Task<Answer> NotVotedAsync(VpiTurn t, string arguments, CancellationToken ct) =>
        await FindAsync(t, arguments, ct) is { } b
            ? Answer.Card(NotVotedCard.Build(b, await ballots.MarksAsync(t.Vpi.Id, b.Number, ct), t.Culture))
            : Answer.Text(t.Say("Ballot.NotFound"));

    /// <summary>
    /// The ballot a command names ("3", "#3", "B3"), the latest on a recommendation ("R3"), or the only open one when it
    /// names none.
    /// </summary>
    private async Task<Ballot?> FindAsync(VpiTurn t, string arguments, CancellationToken ct)
    {
        if (arguments.Trim() is [('R' or 'r'), ..] && ItemNumbers.Parse(arguments, 'R') is { } recommendation)
        {
            return (await ballots.ListAsync(t.Vpi.Id, ct)).Select(v => v.Item).LastOrDefault(b => b.Recommendations.Contains(recommendation));
        }
        var text = arguments.Trim().TrimStart('#', 'B', 'b');
        if (text.Length == 0)
        {
            var open = (await ballots.ListAsync(t.Vpi.Id, ct)).Select(v => v.Item).Where(b => b.Status == BallotStatus.Open).ToList();
            return open.Count == 1 ? open[0] : null;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && await ballots.GetAsync(t.Vpi.Id, n, ct) is { } found ? found.Item : null;
    }
}
