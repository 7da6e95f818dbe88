using System.Globalization;
using VpiBot.Domain;
using VpiBot.Resources;

namespace VpiBot.Features.Ballots;

/// <summary>Reading the "open vote" form and a voter's choices, strictly: cards are untrusted input, whatever they allowed.</summary>
public static class BallotInput
{
    /// <summary>The form's rules and recommendation numbers, or every problem named.</summary>
    public static (BallotRules? Rules, IReadOnlyList<int> Recommendations, List<string> Errors) ReadForm(
        OpenBallot f, string timeZone, IReadOnlyCollection<int> proposed, DateTimeOffset now, CultureInfo culture)
    {
        var errors = new List<string>();
        var numbers = (f.Recommendations ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var x) ? x : -1).Distinct().ToList();
        if (numbers.Count == 0)
        {
            errors.Add(Text.Get("BallotForm.Recommendations.Error", culture));
        }
        else if (numbers.Count > BallotRules.MaxRecommendations)
        {
            errors.Add(Text.Get("BallotForm.TooMany", culture, BallotRules.MaxRecommendations, numbers.Count));
        }
        foreach (var n in numbers.Where(n => !proposed.Contains(n)))
        {
            errors.Add(n < 0 ? Text.Get("BallotForm.Recommendations.Error", culture) : Text.Get("BallotForm.NotProposed", culture, n));
        }
        var method = Shared.Labels.Parse<VotingMethod>(f.Method);
        if (method is null)
        {
            errors.Add(Text.Get("BallotForm.Method.Error", culture));
        }
        var quorum = int.TryParse(f.Quorum, NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q is >= 0 and <= 100 ? q : (int?)null;
        if (quorum is null)
        {
            errors.Add(Text.Get("BallotForm.Quorum.Error", culture));
        }
        var (deadline, problem) = Deadlines.Read(f.DeadlineDate, f.DeadlineTime, timeZone, now, MinimumMinutes, MaximumDays);
        if (problem is { } p)
        {
            errors.Add(p switch
            {
                DeadlineProblem.BadDate => Text.Get("BallotForm.DeadlineDate.Error", culture),
                DeadlineProblem.BadTime => Text.Get("BallotForm.DeadlineTime.Error", culture),
                DeadlineProblem.InPast => Text.Get("BallotForm.DeadlinePast", culture, MinimumMinutes),
                _ => Text.Get("BallotForm.DeadlineFar", culture, MaximumDays),
            });
        }
        bool? doubleMajority = Flag(f.DoubleMajority), anonymous = Flag(f.Anonymous), hide = Flag(f.HideResults), facilitators = Flag(f.FacilitatorsVote);
        if (doubleMajority is null || anonymous is null || hide is null || facilitators is null)
        {
            errors.Add(Text.Get("BallotForm.Toggle.Error", culture));
        }
        if (errors.Count > 0)
        {
            return (null, numbers, errors);
        }
        // on an anonymous ballot a running tally would tell, vote by vote, how each person who just voted voted
        var rules = new BallotRules(method!.Value, deadline!.Value, timeZone, doubleMajority!.Value, quorum!.Value, anonymous!.Value, hide!.Value || anonymous.Value, facilitators!.Value);
        return (rules, numbers, errors);
    }

    /// <summary>A ballot closes at least this long after it opens, and at most this far ahead.</summary>
    public const int MinimumMinutes = 5;
    public const int MaximumDays = 366;

    private static bool? Flag(string? value) => value switch { "true" => true, "false" => false, _ => null };

    /// <summary>
    /// The voter's choices as typed, one per recommendation on the ballot. Text that is not a choice of the method reads
    /// as an impossible one (a score or rank of −1, no stance), which <see cref="BallotCount.Check"/> then names.
    /// </summary>
    public static IReadOnlyList<BallotChoice> ReadVote(Ballot b, CastVote v)
    {
        var typed = v.ByPosition;
        return b.Recommendations.Select((number, i) =>
        {
            var (choice, reason) = typed[i];
            var text = choice?.Trim() ?? "";
            var trimmedReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            return b.Rules.Method switch
            {
                VotingMethod.Consent or VotingMethod.YesNo => new BallotChoice(number, Stance: Shared.Labels.Parse<Stance>(text), Reason: trimmedReason),
                VotingMethod.Score => new BallotChoice(number, Score: text.Length == 0 ? null : Number(text)),
                _ => new BallotChoice(number, Rank: text.Length == 0 || text == NotRanked ? null : Number(text)),
            };
        }).ToList();
    }

    /// <summary>The ranked ballot's "Not ranked" choice (a rank left empty reads the same).</summary>
    public const string NotRanked = "0";

    /// <summary>Whether anything was typed for positions beyond the ballot's recommendations (a tampered card).</summary>
    public static bool HasExtra(Ballot b, CastVote v) => v.ByPosition.Skip(b.Recommendations.Count).Any(x => x.Choice is not null || x.Reason is not null);

    private static int Number(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 1000 ? n : -1;

    /// <summary>Each problem of a vote, as a sentence naming the recommendation.</summary>
    public static List<string> Explain(IEnumerable<VoteProblem> problems, CultureInfo culture) =>
        problems.Select(p => Text.Get($"Vote.Problem.{p.Kind}", culture, Text.Get("Recommendation.Label", culture, p.Recommendation), p.Kind switch
        {
            VoteProblemKind.ReasonTooLong => BallotRules.MaxReason,
            VoteProblemKind.ScoreOutOfRange => BallotRules.MaxScore,
            _ => 0,
        })).ToList();
}
