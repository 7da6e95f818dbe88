namespace VpiBot.Domain;

/// <summary>
/// The count of a ballot on joint recommendations, pure: the check of one vote as sent, and the result of the votes
/// cast (turnout per side against the quorum, each side's tally of each recommendation, and whether it is adopted).
/// Deterministic whatever order the votes come in, so whoever counts agrees.
/// </summary>
public static class BallotCount
{
    private static readonly Stance[] ConsentStances = [Stance.Agree, Stance.Abstain, Stance.Disagree, Stance.Block];
    private static readonly Stance[] YesNoStances = [Stance.Yes, Stance.No, Stance.Abstain];

    /// <summary>The side a member votes with: government, UNODC facilitators, or civil society (NGOs, academia, private sector).</summary>
    public static Side SideOf(Member m) => m.OrganisationType switch
    {
        OrganisationType.Government => Side.Government,
        OrganisationType.Unodc => Side.Unodc,
        _ => Side.CivilSociety,
    };

    // ----- the check of one vote -----

    /// <summary>
    /// What is wrong with a vote as sent (one choice per recommendation, in any order); empty when it is valid.
    /// Consent and yes / no need a stance on every recommendation, score a score on every one; a ranked vote ranks
    /// at least one, each rank once, 1, 2, 3… without a gap. Problems come in the order of the ballot, then any
    /// choice for a recommendation not on it. A second choice for the same recommendation is ignored.
    /// </summary>
    public static IReadOnlyList<VoteProblem> Check(Ballot ballot, IReadOnlyList<BallotChoice> choices)
    {
        var method = ballot.Rules.Method;
        var problems = new List<VoteProblem>();
        foreach (var r in ballot.Recommendations)
        {
            var choice = ChoiceFor(choices, r);
            problems.AddRange(ChoiceProblems(method, ballot.Recommendations.Count, choice, r).Select(k => new VoteProblem(r, k)));
        }
        if (method == VotingMethod.Ranked)
        {
            problems.AddRange(RankingProblems(ballot, choices));
            problems = problems.OrderBy(p => Position(ballot, p.Recommendation)).ToList(); // stable: keeps each one's order
        }
        problems.AddRange(choices.Select(c => c.Recommendation).Where(r => !ballot.Recommendations.Contains(r))
            .Distinct().Order().Select(r => new VoteProblem(r, VoteProblemKind.NotOnBallot)));
        return problems;
    }

    private static BallotChoice? ChoiceFor(IReadOnlyList<BallotChoice> choices, int recommendation) =>
        choices.FirstOrDefault(c => c.Recommendation == recommendation);

    private static int Position(Ballot ballot, int recommendation) => ballot.Recommendations.ToList().IndexOf(recommendation);

    /// <summary>The problems of one recommendation's choice taken alone (null = no choice for it).</summary>
    private static IEnumerable<VoteProblemKind> ChoiceProblems(VotingMethod method, int recommendations, BallotChoice? c, int r)
    {
        var problems = method switch
        {
            VotingMethod.Consent => StanceProblems(c, ConsentStances),
            VotingMethod.YesNo => StanceProblems(c, YesNoStances),
            VotingMethod.Score => ScoreProblems(c),
            _ => RankProblems(c, recommendations),
        };
        return (c?.Reason?.Trim().Length ?? 0) > BallotRules.MaxReason ? problems.Append(VoteProblemKind.ReasonTooLong) : problems;
    }

    /// <summary>Consent and yes / no: one stance of the method; a reason to disagree or block.</summary>
    private static IEnumerable<VoteProblemKind> StanceProblems(BallotChoice? c, Stance[] allowed)
    {
        if (c is null || (c.Stance is null && c.Score is null && c.Rank is null))
        {
            yield return VoteProblemKind.Missing;
        }
        else if (c.Stance is not { } stance || !allowed.Contains(stance) || c.Score is not null || c.Rank is not null)
        {
            yield return VoteProblemKind.NotThisMethod;
        }
        else if (stance is Stance.Disagree or Stance.Block && string.IsNullOrWhiteSpace(c.Reason))
        {
            yield return VoteProblemKind.ReasonRequired;
        }
    }

    /// <summary>Score: a score from 0 to <see cref="BallotRules.MaxScore"/> on every recommendation.</summary>
    private static IEnumerable<VoteProblemKind> ScoreProblems(BallotChoice? c)
    {
        if (c is { Stance: not null } or { Rank: not null })
        {
            yield return VoteProblemKind.NotThisMethod;
        }
        else if (c?.Score is not { } score)
        {
            yield return VoteProblemKind.Missing;
        }
        else if (score is < 0 or > BallotRules.MaxScore)
        {
            yield return VoteProblemKind.ScoreOutOfRange;
        }
    }

    /// <summary>Ranked, one recommendation: no stance or score; a rank, if any, from 1 to the number of recommendations.</summary>
    private static IEnumerable<VoteProblemKind> RankProblems(BallotChoice? c, int recommendations)
    {
        if (c is { Stance: not null } or { Score: not null })
        {
            yield return VoteProblemKind.NotThisMethod;
        }
        else if (c?.Rank is { } rank && (rank < 1 || rank > recommendations))
        {
            yield return VoteProblemKind.RankOutOfRange;
        }
    }

    /// <summary>
    /// Ranked, the whole vote: something ranked (else <see cref="VoteProblemKind.NoneRanked"/>, on the first
    /// recommendation); each rank once (the later ones on the ballot are <see cref="VoteProblemKind.RankTwice"/>);
    /// ranks 1 to k without a gap (<see cref="VoteProblemKind.RankGap"/> on the one ranked just after the gap).
    /// </summary>
    private static IEnumerable<VoteProblem> RankingProblems(Ballot ballot, IReadOnlyList<BallotChoice> choices)
    {
        var n = ballot.Recommendations.Count;
        var ranked = ballot.Recommendations
            .Select(r => (Recommendation: r, Rank: ChoiceFor(choices, r)?.Rank))
            .Where(x => x.Rank is not null).Select(x => (x.Recommendation, Rank: x.Rank!.Value)).ToList();
        if (ranked.Count == 0)
        {
            return n == 0 ? [] : [new VoteProblem(ballot.Recommendations[0], VoteProblemKind.NoneRanked)];
        }
        var valid = ranked.Where(x => x.Rank >= 1 && x.Rank <= n).ToList();
        var problems = valid.Where((x, i) => valid.Take(i).Any(y => y.Rank == x.Rank))
            .Select(x => new VoteProblem(x.Recommendation, VoteProblemKind.RankTwice)).ToList();
        var ranks = valid.Select(x => x.Rank).ToHashSet();
        var gap = Enumerable.Range(1, n).FirstOrDefault(k => !ranks.Contains(k));
        if (gap > 0 && ranks.Any(k => k > gap))
        {
            var afterGap = valid.Where(x => x.Rank > gap).MinBy(x => x.Rank);
            problems.Add(new VoteProblem(afterGap.Recommendation, VoteProblemKind.RankGap));
        }
        return problems;
    }

    // ----- the count -----

    /// <summary>
    /// The result of the votes cast: turnout per side against the quorum, and each recommendation's tally per side
    /// and outcome. Below quorum on the government or civil society side, nothing is adopted. Consent: one block
    /// (from anyone) stops a recommendation. With a double majority it must pass among the government voters and
    /// among civil society voters (facilitators' votes are shown but decide nothing); without, among all voters.
    /// Ranked: one recommendation at most is adopted (see <see cref="CountRanked"/>).
    /// </summary>
    public static BallotResult Count(Ballot ballot, IReadOnlyList<CastBallot> votes)
    {
        var turnout = Turnout(ballot, votes);
        var sides = turnout.Select(t => t.Side).ToList();
        var outcomes = ballot.Rules.Method == VotingMethod.Ranked
            ? CountRanked(ballot, votes, sides)
            : ballot.Recommendations.Select(r => CountOne(ballot.Rules, votes, sides, r)).ToList();
        if (!turnout.All(t => t.QuorumMet))
        {
            outcomes = outcomes.Select(o => o with { Adopted = false, Reason = OutcomeReason.NoQuorum }).ToList();
        }
        return new BallotResult(turnout, outcomes, votes.Count);
    }

    /// <summary>
    /// Government and civil society always; UNODC facilitators only when the electorate has some. Required is the
    /// quorum rounded up (50 % of 3 is 2); facilitators never hold up a quorum (0 required).
    /// </summary>
    private static List<SideTurnout> Turnout(Ballot ballot, IReadOnlyList<CastBallot> votes)
    {
        var sides = new List<Side> { Side.Government, Side.CivilSociety };
        if (ballot.Electorate.Any(v => v.Side == Side.Unodc))
        {
            sides.Add(Side.Unodc);
        }
        return sides.Select(side =>
        {
            var electorate = ballot.Electorate.Count(v => v.Side == side);
            var required = side == Side.Unodc ? 0 : (electorate * ballot.Rules.QuorumPercent + 99) / 100;
            return new SideTurnout(side, electorate, votes.Count(v => v.Side == side), required);
        }).ToList();
    }

    /// <summary>Consent, yes / no or score: one recommendation's tallies and outcome, judged on its own.</summary>
    private static RecommendationOutcome CountOne(BallotRules rules, IReadOnlyList<CastBallot> votes, List<Side> sides, int r)
    {
        var tallies = sides.Select(s => WithPassed(Tally(s, votes.Where(v => v.Side == s), r, 0), rules.Method)).ToList();
        var everyone = Tally(Side.Government, votes, r, 0); // all voters together; its side is not read
        var reason =
            rules.Method == VotingMethod.Consent && everyone.Block > 0 ? OutcomeReason.Blocked
            : !TookSide(everyone, rules.Method) ? OutcomeReason.NoVotes
            : rules.DoubleMajority ? BothSides(tallies)
            : Passes(everyone, rules.Method) ? OutcomeReason.Passed
            : OutcomeReason.MajorityAgainst;
        return new RecommendationOutcome(r, reason == OutcomeReason.Passed, reason, tallies);
    }

    /// <summary>A group's count on one recommendation (points: a ranked ballot of <paramref name="n"/> recommendations).</summary>
    private static SideTally Tally(Side side, IEnumerable<CastBallot> votes, int recommendation, int n)
    {
        var choices = votes.Select(v => ChoiceFor(v.Choices, recommendation)).OfType<BallotChoice>().ToList();
        int Of(Stance s) => choices.Count(c => c.Stance == s);
        var scores = choices.Select(c => c.Score).OfType<int>().ToList();
        var ranks = choices.Select(c => c.Rank).OfType<int>().Where(k => k >= 1 && k <= n).ToList();
        return new SideTally(side,
            Agree: Of(Stance.Agree), Abstain: Of(Stance.Abstain), Disagree: Of(Stance.Disagree), Block: Of(Stance.Block),
            Yes: Of(Stance.Yes), No: Of(Stance.No),
            Scored: scores.Count, ScoreTotal: scores.Sum(),
            Points: ranks.Sum(k => Points(k, n)), FirstPreferences: ranks.Count(k => k == 1));
    }

    private static SideTally WithPassed(SideTally t, VotingMethod method) => t with { Passed = Passes(t, method) };

    /// <summary>
    /// Whether it passes in a group of voters; abstentions count neither way. Consent: no block, more agree than
    /// disagree. Yes / no: more yes than no. Score: scored by someone, mean strictly above the middle of the scale.
    /// </summary>
    private static bool Passes(SideTally t, VotingMethod method) => method switch
    {
        VotingMethod.Consent => t.Block == 0 && t.Agree > t.Disagree,
        VotingMethod.YesNo => t.Yes > t.No,
        VotingMethod.Score => t.Scored > 0 && t.ScoreTotal * 2 > BallotRules.MaxScore * t.Scored,
        _ => false,
    };

    /// <summary>Whether anyone took a side on it: a stance other than abstain, or a score.</summary>
    private static bool TookSide(SideTally t, VotingMethod method) => method switch
    {
        VotingMethod.Consent => t.Agree + t.Disagree + t.Block > 0,
        VotingMethod.YesNo => t.Yes + t.No > 0,
        VotingMethod.Score => t.Scored > 0,
        _ => t.Points > 0,
    };

    /// <summary>Double majority: adopted only if it passed among the government voters and among civil society voters.</summary>
    private static OutcomeReason BothSides(IReadOnlyList<SideTally> tallies)
    {
        var government = tallies.First(t => t.Side == Side.Government).Passed;
        var civilSociety = tallies.First(t => t.Side == Side.CivilSociety).Passed;
        return (government, civilSociety) switch
        {
            (true, true) => OutcomeReason.Passed,
            (false, true) => OutcomeReason.GovernmentAgainst,
            (true, false) => OutcomeReason.CivilSocietyAgainst,
            _ => OutcomeReason.BothAgainst,
        };
    }

    /// <summary>
    /// Borda points as Loomio counts them: its ranked-choice vote form (loomio/loomio,
    /// vue/src/components/poll/ranked_choice/vote_form.vue) gives the option at place <c>index</c> (from 0) of the
    /// first <c>numChoices</c> a score of <c>numChoices - index</c>, and app/models/stance_choice.rb reads the rank
    /// back as <c>minimum_stance_choices - score + 1</c>; options not ranked get no score, and an option's points are
    /// the sum of its scores. Here a voter may rank up to all <paramref name="n"/> recommendations, so rank r gets
    /// n − r + 1 points (first of 4: 4 points; fourth: 1) and an unranked one 0.
    /// </summary>
    private static int Points(int rank, int n) => n - rank + 1;

    /// <summary>
    /// Ranked: the recommendation with the most points among all voters is adopted, ties broken by most first
    /// preferences; still tied, none is (<see cref="OutcomeReason.Tie"/> for the tied leaders). With a double majority
    /// the winner must also come first, by the same rule, among the government voters and among civil society voters.
    /// All others: <see cref="OutcomeReason.RankedLower"/>, or <see cref="OutcomeReason.NoVotes"/> if nobody ranked them.
    /// A side's tally passes when the recommendation came first in that side.
    /// </summary>
    private static List<RecommendationOutcome> CountRanked(Ballot ballot, IReadOnlyList<CastBallot> votes, List<Side> sides)
    {
        var n = ballot.Recommendations.Count;
        var everyone = ballot.Recommendations.Select(r => Tally(Side.Government, votes, r, n)).ToList(); // sides not read
        var (winner, tied) = Leader(ballot.Recommendations, everyone);
        var bySide = sides.ToDictionary(s => s, s =>
        {
            var tallies = ballot.Recommendations.Select(r => Tally(s, votes.Where(v => v.Side == s), r, n)).ToList();
            var first = Leader(ballot.Recommendations, tallies).Winner;
            return tallies.Select((t, i) => t with { Passed = ballot.Recommendations[i] == first }).ToList();
        });
        return ballot.Recommendations.Select((r, i) =>
        {
            var tallies = sides.Select(s => bySide[s][i]).ToList();
            var reason =
                everyone[i].Points == 0 ? OutcomeReason.NoVotes
                : tied.Contains(r) ? OutcomeReason.Tie
                : r != winner ? OutcomeReason.RankedLower
                : ballot.Rules.DoubleMajority ? BothSides(tallies)
                : OutcomeReason.Passed;
            return new RecommendationOutcome(r, reason == OutcomeReason.Passed, reason, tallies);
        }).ToList();
    }

    /// <summary>
    /// Who came first in a group: the most points, then the most first preferences. One leader is the winner;
    /// several still level are tied and none wins; nobody wins where nobody ranked anything.
    /// </summary>
    private static (int? Winner, IReadOnlyList<int> Tied) Leader(IReadOnlyList<int> recommendations, IReadOnlyList<SideTally> tallies)
    {
        var ranked = recommendations.Zip(tallies).Where(x => x.Second.Points > 0).ToList();
        if (ranked.Count == 0)
        {
            return (null, []);
        }
        var best = ranked.Max(x => (x.Second.Points, x.Second.FirstPreferences));
        var leaders = ranked.Where(x => (x.Second.Points, x.Second.FirstPreferences) == best).Select(x => x.First).ToList();
        return leaders.Count == 1 ? (leaders[0], []) : (null, leaders);
    }
}
