using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Resources;
using VpiBot.Storage;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Ballots.Cards;

/// <summary>Everything a ballot card shows: the ballot, its recommendations, who voted (never how) and the tally people may see.</summary>
public sealed record BallotState(
    Ballot Ballot,
    IReadOnlyList<Recommendation> Recommendations,
    IReadOnlyDictionary<string, VoterMark> Marks,
    BallotResult? Tally,
    IReadOnlyList<string> VoterTeamsIds)
{
    public int VotedOn(Side side) => Ballot.Electorate.Count(v => v.Side == side && Marks.TryGetValue(v.AadObjectId, out var m) && m.Voted);

    public Recommendation? Recommendation(int number) => Recommendations.FirstOrDefault(r => r.Number == number);
}

/// <summary>
/// One viewer's place on the ballot: a voter, whether they voted, their vote as stored (while it can be read: not once
/// an anonymous ballot is closed), and whether they may vote now.
/// </summary>
public sealed record VoterView(Voter Voter, bool Voted, StoredVote? Vote, bool CanVote);

/// <summary>Pieces every ballot card shares: labels, the deadline, turnout and tallies.</summary>
internal static class BallotParts
{
    public static string RecommendationLine(Recommendation r, CultureInfo culture) =>
        Text.Get("Ballot.RecommendationLine", culture, r.Number, r.Text.Title);

    /// <summary>
    /// The deadline in each viewer's own time zone and language (Teams formats <c>{{DATE()}}</c> and <c>{{TIME()}}</c>
    /// on the device), then in the VPI's zone, as chosen.
    /// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format#date-and-time-formatting
    /// </summary>
    public static string Deadline(BallotRules rules, CultureInfo culture)
    {
        var (date, time) = TimeZones.ToLocal(rules.Deadline, rules.TimeZone);
        return Text.Get("Ballot.Deadline", culture, DeviceDate(rules.Deadline), DeviceTime(rules.Deadline),
            date.ToString("d MMM yyyy", culture) + " " + time.ToString("HH:mm", culture), rules.TimeZone);
    }

    public static JsonObject Rules(Ballot b, CultureInfo culture) => Facts(
    [
        (Text.Get("Ballot.Method", culture), Text.Get($"VotingMethod.{b.Rules.Method}", culture)),
        (Text.Get("Ballot.Counting", culture), Text.Get(b.Rules.DoubleMajority ? "Ballot.Counting.Double" : "Ballot.Counting.Single", culture)),
        (Text.Get("Ballot.Quorum", culture), b.Rules.QuorumPercent == 0 ? Text.Get("Ballot.Quorum.None", culture) : Text.Get("Ballot.Quorum.Each", culture, b.Rules.QuorumPercent)),
        (Text.Get("Ballot.Secrecy", culture), Text.Get(b.Rules.Anonymous ? "Ballot.Secrecy.Anonymous" : "Ballot.Secrecy.Open", culture)),
        (Text.Get("Ballot.Results", culture), Text.Get(b.Rules.HideResults ? "Ballot.Results.Hidden" : "Ballot.Results.Shown", culture)),
        (Text.Get("Ballot.Voters", culture), Text.Plural(b.Rules.FacilitatorsVote ? "Ballot.Voters.WithFacilitators" : "Ballot.Voters.Sides", culture, b.Electorate.Count)),
    ]);

    /// <summary>Turnout per side, against the quorum: said in words (met or not), never by colour alone.</summary>
    public static IEnumerable<JsonNode> Turnout(IEnumerable<SideTurnout> turnout, CultureInfo culture) =>
    [
        Subheading(Text.Get("Ballot.Turnout", culture)),
        Bullets(turnout.Select(t => t.Required == 0
            ? Text.Get("Ballot.Turnout.Side", culture, Text.Get($"Side.{t.Side}", culture), t.Voted, t.Electorate)
            : Text.Get(t.QuorumMet ? "Ballot.Turnout.SideMet" : "Ballot.Turnout.SideShort", culture, Text.Get($"Side.{t.Side}", culture), t.Voted, t.Electorate, t.Required))),
    ];

    /// <summary>The turnout as the marks say now (an open ballot), in the shape of a result's.</summary>
    public static IReadOnlyList<SideTurnout> TurnoutNow(BallotState s) =>
        Enum.GetValues<Side>().Where(side => side != Side.Unodc || s.Ballot.Electorate.Any(v => v.Side == side))
            .Select(side =>
            {
                var electorate = s.Ballot.Electorate.Count(v => v.Side == side);
                var required = side == Side.Unodc ? 0 : (int)Math.Ceiling(electorate * s.Ballot.Rules.QuorumPercent / 100.0);
                return new SideTurnout(side, electorate, s.VotedOn(side), required);
            }).ToList();

    /// <summary>One side's count of one recommendation, in the method's words.</summary>
    public static string Tally(VotingMethod method, SideTally t, CultureInfo culture)
    {
        var side = Text.Get($"Side.{t.Side}", culture);
        return method switch
        {
            VotingMethod.Consent => Text.Get("Tally.Consent", culture, side, t.Agree, t.Abstain, t.Disagree, t.Block),
            VotingMethod.YesNo => Text.Get("Tally.YesNo", culture, side, t.Yes, t.No, t.Abstain),
            VotingMethod.Score => t.Scored == 0 ? Text.Get("Tally.ScoreNone", culture, side)
                : Text.Plural("Tally.Score", culture, t.Scored, side, ((double)t.ScoreTotal / t.Scored).ToString("0.0", culture)),
            _ => Text.Get("Tally.Ranked", culture, side, Text.Plural("Tally.Points", culture, t.Points), Text.Plural("Tally.RankedFirst", culture, t.FirstPreferences)),
        };
    }

    /// <summary>Adopted or not and why, in one sentence that says it in words (the colour only repeats it).</summary>
    public static JsonObject Verdict(RecommendationOutcome outcome, CultureInfo culture)
    {
        var verdict = Paragraph(Text.Get($"Ballot.Reason.{outcome.Reason}", culture));
        verdict["weight"] = "Bolder";
        verdict["color"] = outcome.Adopted ? "Good" : "Attention";
        return verdict;
    }

    public static IEnumerable<JsonNode> Tallies(VotingMethod method, RecommendationOutcome outcome, CultureInfo culture) =>
        outcome.Sides.Select(t => (JsonNode)UserText(Tally(method, t, culture), subtle: true));
}

/// <summary>
/// The ballot card, posted in the VPI's channel and sent 1:1 to each voter. Everyone sees the rules, the deadline and
/// the turnout per side (and the tally, unless hidden until close); a voter's own view (Universal Actions'
/// user-specific views: <c>refresh.userIds</c> lists the electorate, at most 60; "Open my ballot" otherwise and in clients
/// that do not refresh) has an input per recommendation with their current vote marked, and Vote.
/// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/user-specific-views
/// </summary>
public static class BallotCard
{
    public const int MaxRefreshUsers = 60;

    /// <summary>How much of the recommendations' texts a ballot shows, shared among them (each opens in full with "recommendation N").</summary>
    public const int TextBudget = 2400;

    /// <summary>
    /// Teams refuses a message of 40 KB or more (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages);
    /// a card of ten recommendations at their longest, with a voter's reasons and problems, in a language of two-byte letters
    /// (Arabic, Russian) can pass it, so the recommendations' texts are shown shorter until the card fits, with room for
    /// the activity around it.
    /// </summary>
    public const int MaxCardBytes = 38 * 1024;

    /// <param name="me">The viewer, when they are a voter (null: everyone's view).</param>
    /// <param name="posted">The copy posted for everyone, rather than one person's own view of it.</param>
    public static JsonObject Build(Vpi vpi, BallotState s, VoterView? me, CultureInfo culture, string? notice = null, IReadOnlyList<string>? problems = null, bool posted = false)
    {
        JsonObject card = null!;
        foreach (var budget in new[] { TextBudget, TextBudget / 2, TextBudget / 4, 0 })
        {
            card = Build(vpi, s, me, culture, notice, problems, posted, budget);
            if (System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString(VpiBot.Protocol.BotJson.Options)) <= MaxCardBytes)
            {
                break;
            }
        }
        return card;
    }

    private static JsonObject Build(Vpi vpi, BallotState s, VoterView? me, CultureInfo culture, string? notice, IReadOnlyList<string>? problems, bool posted, int textBudget)
    {
        var b = s.Ballot;
        var open = b.Status == BallotStatus.Open;
        var body = new List<JsonNode?>
        {
            notice is null ? null : Notice(notice),
            Heading(Text.Get(!open ? "Ballot.TitleClosed" : me is { CanVote: true } ? "Ballot.TitleVoter" : "Ballot.Title", culture, b.Number)),
            Paragraph(open ? BallotParts.Deadline(b.Rules, culture) : Text.Get("Ballot.ClosedOn", culture, ClosedAt(b))),
            BallotParts.Rules(b, culture),
        };
        body.AddRange(BallotParts.Turnout(b.Result?.Turnout ?? BallotParts.TurnoutNow(s), culture));
        for (var i = 0; i < b.Recommendations.Count; i++)
        {
            var number = b.Recommendations[i];
            var r = s.Recommendation(number);
            var items = new List<JsonNode?>
            {
                UserText(r is null ? Text.Get("Ballot.RecommendationGone", culture, number) : BallotParts.RecommendationLine(r, culture), title: true),
                r is null || textBudget == 0 ? null : UserText(Shorten(r.Text.Text, Math.Min(400, textBudget / b.Recommendations.Count)), subtle: true),
            };
            if (s.Tally?.Outcomes.FirstOrDefault(o => o.Recommendation == number) is { } outcome)
            {
                items.AddRange(BallotParts.Tallies(b.Rules.Method, outcome, culture));
                if (!open)
                {
                    items.Add(BallotParts.Verdict(outcome, culture));
                }
            }
            if (me is { CanVote: true })
            {
                items.AddRange(VoteInputs.For(b, i, me.Vote?.Choices.FirstOrDefault(c => c.Recommendation == number), culture));
            }
            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = new JsonArray(items.Where(x => x is not null).ToArray()) });
        }
        if (open && b.Rules.HideResults)
        {
            body.Add(Paragraph(Text.Get("Ballot.HiddenUntilClose", culture)));
        }
        if (me is not null)
        {
            body.Add(Paragraph(Text.Get(!me.Voted ? (open ? "Ballot.YouHaveNotVoted" : "Ballot.YouDidNotVote") : open ? "Ballot.YourVoteCounts" : "Ballot.YouVoted", culture)));
        }
        if (problems is { Count: > 0 })
        {
            body.Add(Problems(problems)); // beside the Vote button the voter just clicked, at the foot of a long card
        }
        var actions = new List<JsonNode>();
        if (me is { CanVote: true })
        {
            actions.Add(Execute(Text.Get(me.Voted ? "Ballot.ChangeVote" : "Ballot.Vote", culture), new CastVote(vpi.Id, b.Number)));
        }
        if (posted && open)
        {
            // for clients that do not refresh cards by themselves, and ballots of more than 60 voters: the viewer asks for their own view
            actions.Add(Execute(Text.Get("Ballot.OpenMine", culture), new ViewBallot(vpi.Id, b.Number), primary: false));
        }
        var card = Card(body, actions);
        if (open)
        {
            var refresh = new JsonObject { ["action"] = Execute(Text.Get("Ballot.Refresh", culture), new ViewBallot(vpi.Id, b.Number)) };
            if (s.VoterTeamsIds.Count is > 0 and <= MaxRefreshUsers)
            {
                refresh["userIds"] = new JsonArray(s.VoterTeamsIds.Select(id => (JsonNode)id).ToArray());
            }
            card["refresh"] = refresh;
        }
        return card;
    }

    private static string ClosedAt(Ballot b) => DeviceDateTime(b.ClosedAt ?? b.Rules.Deadline);
}

/// <summary>A voter's inputs for the recommendation at one position on the ballot, with their current choice filled in.</summary>
internal static class VoteInputs
{
    public static IEnumerable<JsonNode> For(Ballot b, int position, BallotChoice? current, CultureInfo culture)
    {
        var id = (position + 1).ToString(CultureInfo.InvariantCulture);
        var label = Text.Get("Recommendation.Label", culture, b.Recommendations[position]);
        switch (b.Rules.Method)
        {
            case VotingMethod.Consent:
                return
                [
                    Stances("choice" + id, Text.Get("Vote.Stance", culture, label), [Stance.Agree, Stance.Abstain, Stance.Disagree, Stance.Block], current, culture),
                    Optional(MultilineInput("reason" + id, Text.Get("Vote.Reason", culture, label, BallotRules.MaxReason), current?.Reason, BallotRules.MaxReason)),
                ];
            case VotingMethod.YesNo:
                return [Stances("choice" + id, Text.Get("Vote.Stance", culture, label), [Stance.Yes, Stance.No, Stance.Abstain], current, culture)];
            case VotingMethod.Score:
                return [ChoiceInput("choice" + id, Text.Get("Vote.Score", culture, label, BallotRules.MaxScore),
                    Enumerable.Range(0, BallotRules.MaxScore + 1).Select(n => Choice(Text.Get(n == 0 ? "Vote.ScoreChoice.Lowest" : n == BallotRules.MaxScore ? "Vote.ScoreChoice.Highest" : "Vote.ScoreChoice.Other", culture, n), n.ToString(CultureInfo.InvariantCulture))),
                    current?.Score?.ToString(CultureInfo.InvariantCulture), errorMessage: Text.Get("Vote.ScoreMissing", culture, label))];
            default:
                // "Not ranked" is a choice of its own: a drop-down's empty placeholder cannot be chosen again once a rank is
                // (the official renderer makes it disabled and hidden), so a voter could never take a rank back
                return [Optional(ChoiceInput("choice" + id, Text.Get("Vote.Rank", culture, label),
                    [
                        Choice(Text.Get("Vote.RankChoice.None", culture), BallotInput.NotRanked),
                        .. Enumerable.Range(1, b.Recommendations.Count).Select(n => Choice(Text.Get("Vote.RankChoice", culture, n), n.ToString(CultureInfo.InvariantCulture))),
                    ],
                    current?.Rank?.ToString(CultureInfo.InvariantCulture) ?? BallotInput.NotRanked))];
        }
    }

    private static JsonObject Stances(string id, string label, Stance[] stances, BallotChoice? current, CultureInfo culture) =>
        ChoiceInput(id, label, stances.Select(s => Choice(Text.Get($"Stance.{s}", culture), s.ToString())), current?.Stance?.ToString(), expanded: true,
            errorMessage: Text.Get("Vote.StanceMissing", culture, label));
}

/// <summary>Posted in the channel when a ballot closes: per recommendation, adopted or not and why in one sentence, the tally per side, turnout against quorum.</summary>
public static class BallotOutcomeCard
{
    public static JsonObject Build(Vpi vpi, Ballot b, IReadOnlyList<Recommendation> recommendations, CultureInfo culture)
    {
        var result = b.Result!;
        var body = new List<JsonNode?>
        {
            Heading(Text.Get("Outcome.Title", culture, b.Number, result.Outcomes.Count(o => o.Adopted), result.Outcomes.Count)),
            Paragraph(Text.Get("Outcome.Counted", culture, Text.Get($"VotingMethod.{b.Rules.Method}", culture),
                Text.Get(b.Rules.DoubleMajority ? "Ballot.Counting.Double" : "Ballot.Counting.Single", culture))),
        };
        body.AddRange(BallotParts.Turnout(result.Turnout, culture));
        foreach (var outcome in result.Outcomes)
        {
            var r = recommendations.FirstOrDefault(x => x.Number == outcome.Recommendation);
            List<JsonNode> items =
            [
                UserText(r is null ? Text.Get("Ballot.RecommendationGone", culture, outcome.Recommendation) : BallotParts.RecommendationLine(r, culture), title: true),
                BallotParts.Verdict(outcome, culture),
                .. BallotParts.Tallies(b.Rules.Method, outcome, culture),
            ];
            if (outcome.Adopted)
            {
                // for the facilitators: the "add task" form, prefilled from the recommendation (the route refuses anyone else)
                items.Add(new JsonObject
                {
                    ["type"] = "ActionSet",
                    ["actions"] = new JsonArray(Execute(Text.Get("Outcome.AddToRoadmap", culture), new Roadmap.AddTaskFor(vpi.Id, outcome.Recommendation), primary: false)),
                });
            }
            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = new JsonArray([.. items]) });
        }
        return Card(body, [Execute(Text.Get("Outcome.OpenBallot", culture), new ViewBallot(vpi.Id, b.Number), primary: false)]);
    }
}

/// <summary>What the "open vote" form becomes once the ballot is open.</summary>
public static class BallotOpenedCard
{
    public static JsonObject Build(Ballot b, CultureInfo culture) => Card(
        [
            Heading(Text.Get("Ballot.OpenedTitle", culture, b.Number)),
            Paragraph(Text.Get("Ballot.Opened", culture, b.Number, b.Electorate.Count)),
            Paragraph(BallotParts.Deadline(b.Rules, culture)),
        ],
        [CommandButton(Text.Get("Votes.Button", culture), "votes")]);
}

/// <summary>Sent 1:1 to a recommendation's proposer when its ballot closes.</summary>
public static class ProposerOutcomeCard
{
    public static JsonObject Build(Recommendation r, RecommendationOutcome outcome, CultureInfo culture) => Card(
    [
        Heading(Text.Get(outcome.Adopted ? "Outcome.Proposer.Adopted" : "Outcome.Proposer.NotAdopted", culture, r.Number)),
        UserText(BallotParts.RecommendationLine(r, culture), title: true),
        Paragraph(Text.Get($"Ballot.Reason.{outcome.Reason}", culture)),
    ]);
}

/// <summary>"Closing soon", 1:1 to a voter who has not voted yet.</summary>
public static class ReminderCard
{
    public static JsonObject Build(Vpi vpi, Ballot b, CultureInfo culture) => Card(
        [
            Heading(Text.Get("Reminder.Title", culture, b.Number)),
            Paragraph(BallotParts.Deadline(b.Rules, culture)),
            Paragraph(Text.Plural("Reminder.Body", culture, b.Recommendations.Count)),
        ],
        [Execute(Text.Get("Ballot.OpenMine", culture), new ViewBallot(vpi.Id, b.Number))]);
}

/// <summary>"votes": the open ballots with their turnout, and the latest results; each opens its ballot.</summary>
public static class BallotListCard
{
    public const int ClosedShown = 5;

    public static JsonObject Build(Vpi vpi, IReadOnlyList<(Ballot Ballot, int Voted)> ballots, CultureInfo culture)
    {
        var open = ballots.Where(x => x.Ballot.Status == BallotStatus.Open).ToList();
        var closed = ballots.Where(x => x.Ballot.Status == BallotStatus.Closed).OrderByDescending(x => x.Ballot.Number).Take(ClosedShown).ToList();
        var body = new List<JsonNode?> { Heading(Text.Get("Votes.Title", culture)) };
        body.Add(Paragraph(open.Count == 0 ? Text.Get("Votes.NoneOpen", culture) : Text.Plural("Votes.Open", culture, open.Count)));
        body.AddRange(open.Select(x => Item(vpi, x.Ballot, Text.Get("Votes.OpenItem", culture, x.Voted, x.Ballot.Electorate.Count) + " · " + BallotParts.Deadline(x.Ballot.Rules, culture), culture)));
        if (closed.Count > 0)
        {
            body.Add(Subheading(Text.Get("Votes.Closed", culture)));
            body.AddRange(closed.Select(x => Item(vpi, x.Ballot, Text.Get("Votes.ClosedItem", culture,
                x.Ballot.Result?.Outcomes.Count(o => o.Adopted) ?? 0, x.Ballot.Recommendations.Count), culture)));
        }
        return Card(body);
    }

    private static JsonNode Item(Vpi vpi, Ballot b, string line, CultureInfo culture) => new JsonObject
    {
        ["type"] = "Container", ["separator"] = true,
        ["items"] = new JsonArray(
            UserText(Text.Get("Votes.Item", culture, b.Number, Text.Get($"VotingMethod.{b.Rules.Method}", culture),
                string.Join(", ", b.Recommendations.Select(n => Text.Get("Recommendation.Label", culture, n))))),
            Paragraph(line)),
        ["selectAction"] = Select(new ViewBallot(vpi.Id, b.Number)),
    };
}

/// <summary>"who hasn't voted N" (facilitators): the names, per side.</summary>
public static class NotVotedCard
{
    public static JsonObject Build(Ballot b, IReadOnlyDictionary<string, VoterMark> marks, CultureInfo culture)
    {
        var body = new List<JsonNode?> { Heading(Text.Get("NotVoted.Title", culture, b.Number)) };
        foreach (var side in Enum.GetValues<Side>())
        {
            var voters = b.Electorate.Where(v => v.Side == side).ToList();
            if (voters.Count == 0)
            {
                continue;
            }
            var missing = voters.Where(v => !(marks.TryGetValue(v.AadObjectId, out var m) && m.Voted)).OrderBy(v => v.Name, StringComparer.Create(culture, true)).ToList();
            body.Add(Subheading(Text.Get("NotVoted.Side", culture, Text.Get($"Side.{side}", culture), missing.Count, voters.Count)));
            body.Add(missing.Count == 0 ? Paragraph(Text.Get("NotVoted.Everyone", culture)) : UserText(string.Join("\n", missing.Select(v => "• " + v.Name))));
        }
        return Card(body);
    }
}
