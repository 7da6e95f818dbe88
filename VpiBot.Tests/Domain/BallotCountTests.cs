using VpiBot.Domain;
using static VpiBot.Domain.Stance;

namespace VpiBot.Tests.Domain;

/// <summary>The count of joint-recommendation ballots and the check of one vote, as pure rules.</summary>
public sealed class BallotCountTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    // Recommendation numbers are not positions: a count that mixes the two fails.
    private const int A = 11, B = 12, C = 13, D = 14;

    private static Ballot BallotOf(
        VotingMethod method, bool doubleMajority = true, int quorum = 0,
        int government = 3, int civilSociety = 3, int unodc = 0, int[]? recommendations = null)
    {
        var electorate = Enumerable.Range(1, government).Select(i => new Voter($"g{i}", $"G{i}", Side.Government))
            .Concat(Enumerable.Range(1, civilSociety).Select(i => new Voter($"c{i}", $"C{i}", Side.CivilSociety)))
            .Concat(Enumerable.Range(1, unodc).Select(i => new Voter($"u{i}", $"U{i}", Side.Unodc)))
            .ToList();
        var rules = new BallotRules(method, Now.AddDays(7), "Europe/Vienna", doubleMajority, quorum, Anonymous: false, HideResults: false, FacilitatorsVote: unodc > 0);
        return new Ballot(1, recommendations ?? [A], rules, electorate, BallotStatus.Open, "fac", "Facilitator", Now);
    }

    /// <summary>A vote with one stance per recommendation A, B, C… in order (a reason given to each).</summary>
    private static CastBallot Stances(Side side, params Stance[] stances) =>
        new(side, stances.Select((s, i) => new BallotChoice(A + i, s, Reason: "because")).ToList());

    private static CastBallot Gov(params Stance[] stances) => Stances(Side.Government, stances);
    private static CastBallot Civ(params Stance[] stances) => Stances(Side.CivilSociety, stances);
    private static CastBallot Fac(params Stance[] stances) => Stances(Side.Unodc, stances);

    private static CastBallot Scores(Side side, params int[] scores) =>
        new(side, scores.Select((s, i) => new BallotChoice(A + i, Score: s)).ToList());

    /// <summary>A ranked vote: the recommendations in order of preference (the rest unranked).</summary>
    private static CastBallot Ranks(Side side, params int[] inOrder) =>
        new(side, inOrder.Select((r, i) => new BallotChoice(r, Rank: i + 1)).ToList());

    private static CastBallot[] Many(int count, CastBallot vote) => Enumerable.Repeat(vote, count).ToArray();

    private static RecommendationOutcome Outcome(BallotResult result, int recommendation) =>
        result.Outcomes.Single(o => o.Recommendation == recommendation);

    // ----- sides and turnout -----

    [Theory]
    [InlineData(OrganisationType.Government, Side.Government)]
    [InlineData(OrganisationType.Unodc, Side.Unodc)]
    [InlineData(OrganisationType.Ngo, Side.CivilSociety)]
    [InlineData(OrganisationType.Academia, Side.CivilSociety)]
    [InlineData(OrganisationType.PrivateSector, Side.CivilSociety)]
    public void A_member_votes_with_the_side_of_their_organisation(OrganisationType type, Side expected)
    {
        var member = new Member("a", "t", "Name", null, VpiRole.Alliance, "Org", type, "fac", Now);
        Assert.Equal(expected, BallotCount.SideOf(member));
    }

    [Fact]
    public void Turnout_is_counted_per_side_and_facilitators_never_hold_up_the_quorum()
    {
        var ballot = BallotOf(VotingMethod.YesNo, quorum: 50, government: 3, civilSociety: 4, unodc: 2);
        var result = BallotCount.Count(ballot, [Gov(Yes), Gov(Yes), Civ(Yes), Civ(Yes), Civ(Abstain)]);
        Assert.Equal(
            [new SideTurnout(Side.Government, 3, 2, 2), new SideTurnout(Side.CivilSociety, 4, 3, 2), new SideTurnout(Side.Unodc, 2, 0, 0)],
            result.Turnout);
        Assert.Equal(5, result.Counted);
        Assert.True(Outcome(result, A).Adopted); // no facilitator voted, and none had to
        Assert.Equal([Side.Government, Side.CivilSociety, Side.Unodc], Outcome(result, A).Sides.Select(s => s.Side));
    }

    [Fact]
    public void Facilitators_appear_only_when_the_electorate_has_some()
    {
        var result = BallotCount.Count(BallotOf(VotingMethod.YesNo), [Gov(Yes), Civ(Yes)]);
        Assert.Equal([Side.Government, Side.CivilSociety], result.Turnout.Select(t => t.Side));
        Assert.Equal([Side.Government, Side.CivilSociety], Outcome(result, A).Sides.Select(s => s.Side));
    }

    [Theory]
    [InlineData(3, 50, 2, true)]   // 50 % of 3 is 1.5: 2 needed
    [InlineData(3, 50, 1, false)]
    [InlineData(4, 50, 2, true)]   // exactly at quorum
    [InlineData(4, 50, 1, false)]  // one below
    [InlineData(3, 34, 2, true)]   // 1.02 rounds up to 2
    [InlineData(3, 34, 1, false)]
    [InlineData(5, 100, 5, true)]
    [InlineData(5, 100, 4, false)]
    [InlineData(3, 0, 0, true)]    // no quorum: nobody needs to vote on this side
    public void The_quorum_is_the_percentage_of_each_side_rounded_up(int electorate, int percent, int voted, bool met)
    {
        foreach (var side in new[] { Side.Government, Side.CivilSociety })
        {
            var other = side == Side.Government ? Side.CivilSociety : Side.Government;
            var ballot = BallotOf(VotingMethod.YesNo, doubleMajority: false, quorum: percent,
                government: side == Side.Government ? electorate : 2, civilSociety: side == Side.CivilSociety ? electorate : 2);
            var votes = Many(voted, Stances(side, Yes)).Append(Stances(other, Yes)).Append(Stances(other, Yes)).ToList();
            var result = BallotCount.Count(ballot, votes);
            var turnout = result.Turnout.Single(t => t.Side == side);
            Assert.Equal(met, turnout.QuorumMet);
            var outcome = Outcome(result, A);
            Assert.Equal(met, outcome.Adopted);
            Assert.Equal(met ? OutcomeReason.Passed : OutcomeReason.NoQuorum, outcome.Reason);
            Assert.Equal(voted, outcome.Of(side)!.Yes); // the tally is filled in even without a quorum
        }
    }

    [Fact]
    public void Without_a_quorum_nothing_is_adopted_whatever_the_method()
    {
        foreach (var method in Enum.GetValues<VotingMethod>())
        {
            var ballot = BallotOf(method, quorum: 50, recommendations: [A, B]);
            var votes = method switch
            {
                VotingMethod.Score => new[] { Scores(Side.Government, 5, 5), Scores(Side.Government, 5, 5), Scores(Side.CivilSociety, 5, 5) },
                VotingMethod.Ranked => [Ranks(Side.Government, A, B), Ranks(Side.Government, A, B), Ranks(Side.CivilSociety, A, B)],
                VotingMethod.Consent => [Gov(Agree, Agree), Gov(Agree, Agree), Civ(Agree, Agree)],
                _ => [Gov(Yes, Yes), Gov(Yes, Yes), Civ(Yes, Yes)],
            };
            var result = BallotCount.Count(ballot, votes); // civil society: 1 of 3 voted, 2 needed
            Assert.All(result.Outcomes, o => Assert.Equal((false, OutcomeReason.NoQuorum), (o.Adopted, o.Reason)));
        }
    }

    // ----- consent -----

    [Fact]
    public void Consent_passes_with_more_agree_than_disagree_and_abstentions_count_neither_way()
    {
        var ballot = BallotOf(VotingMethod.Consent, recommendations: [A, B, C]);
        // A: 1 agree, 2 abstain on each side; B: agree = disagree among civil society; C: more disagree than agree
        var result = BallotCount.Count(ballot, [
            Gov(Agree, Agree, Agree), Gov(Abstain, Agree, Disagree), Gov(Abstain, Abstain, Disagree),
            Civ(Agree, Agree, Agree), Civ(Abstain, Disagree, Disagree), Civ(Abstain, Abstain, Abstain)]);
        Assert.Equal(OutcomeReason.Passed, Outcome(result, A).Reason);
        Assert.True(Outcome(result, A).Adopted);
        Assert.Equal(new SideTally(Side.Government, Agree: 1, Abstain: 2, Passed: true), Outcome(result, A).Of(Side.Government));
        Assert.Equal(OutcomeReason.CivilSocietyAgainst, Outcome(result, B).Reason);
        Assert.Equal(OutcomeReason.BothAgainst, Outcome(result, C).Reason);
    }

    [Theory]
    [InlineData(Side.CivilSociety)]
    [InlineData(Side.Government)]
    [InlineData(Side.Unodc)]
    public void One_block_from_anyone_stops_a_consent_recommendation(Side blocker)
    {
        foreach (var doubleMajority in new[] { true, false })
        {
            var ballot = BallotOf(VotingMethod.Consent, doubleMajority, unodc: 2, recommendations: [A, B]);
            var votes = new List<CastBallot> { Gov(Agree, Agree), Gov(Agree, Agree), Civ(Agree, Agree), Civ(Agree, Agree), Fac(Agree, Agree) };
            votes.Add(Stances(blocker, Block, Agree));
            var result = BallotCount.Count(ballot, votes);
            Assert.Equal((false, OutcomeReason.Blocked), (Outcome(result, A).Adopted, Outcome(result, A).Reason));
            Assert.Equal(1, Outcome(result, A).Of(blocker)!.Block);
            Assert.False(Outcome(result, A).Of(blocker)!.Passed);
            Assert.Equal(OutcomeReason.Passed, Outcome(result, B).Reason);
        }
    }

    [Theory]
    [InlineData(VotingMethod.Consent)]
    [InlineData(VotingMethod.YesNo)]
    public void When_everyone_abstains_or_nobody_votes_there_are_no_votes(VotingMethod method)
    {
        foreach (var doubleMajority in new[] { true, false })
        {
            var ballot = BallotOf(method, doubleMajority);
            var abstained = BallotCount.Count(ballot, [Gov(Abstain), Civ(Abstain), Civ(Abstain)]);
            Assert.Equal((false, OutcomeReason.NoVotes), (Outcome(abstained, A).Adopted, Outcome(abstained, A).Reason));
            Assert.Equal(2, Outcome(abstained, A).Of(Side.CivilSociety)!.Abstain);
            var nobody = BallotCount.Count(ballot, []);
            Assert.Equal(OutcomeReason.NoVotes, Outcome(nobody, A).Reason);
            Assert.Equal(0, nobody.Counted);
        }
    }

    // ----- yes / no and the double majority -----

    [Theory]
    [InlineData(Yes, Yes, OutcomeReason.Passed)]
    [InlineData(No, Yes, OutcomeReason.GovernmentAgainst)]
    [InlineData(Yes, No, OutcomeReason.CivilSocietyAgainst)]
    [InlineData(No, No, OutcomeReason.BothAgainst)]
    public void A_double_majority_needs_both_sides_however_many_vote_on_each(Stance government, Stance civilSociety, OutcomeReason expected)
    {
        // a side of 3 outvotes a side of 1 overall: only the side-by-side count gives these reasons
        foreach (var (govCount, civCount) in new[] { (3, 1), (1, 3) })
        {
            var votes = Many(govCount, Gov(government)).Concat(Many(civCount, Civ(civilSociety))).ToList();
            var outcome = Outcome(BallotCount.Count(BallotOf(VotingMethod.YesNo), votes), A);
            Assert.Equal(expected, outcome.Reason);
            Assert.Equal(expected == OutcomeReason.Passed, outcome.Adopted);
            Assert.Equal(government == Yes, outcome.Of(Side.Government)!.Passed);
            Assert.Equal(civilSociety == Yes, outcome.Of(Side.CivilSociety)!.Passed);
        }
    }

    [Fact]
    public void Under_a_double_majority_facilitators_votes_are_shown_but_decide_nothing()
    {
        var ballot = BallotOf(VotingMethod.YesNo, unodc: 3, recommendations: [A, B]);
        var result = BallotCount.Count(ballot, [Gov(Yes, Yes), Civ(Yes, No), Fac(No, Yes), Fac(No, Yes), Fac(No, Yes)]);
        Assert.Equal(OutcomeReason.Passed, Outcome(result, A).Reason);
        Assert.Equal(OutcomeReason.CivilSocietyAgainst, Outcome(result, B).Reason);
        Assert.Equal(new SideTally(Side.Unodc, No: 3), Outcome(result, A).Of(Side.Unodc));
    }

    [Fact]
    public void A_single_majority_counts_all_voters_together_facilitators_included()
    {
        var ballot = BallotOf(VotingMethod.YesNo, doubleMajority: false, unodc: 1);
        var withFacilitator = Outcome(BallotCount.Count(ballot, [Gov(Yes), Civ(No), Fac(Yes)]), A);
        Assert.Equal((true, OutcomeReason.Passed), (withFacilitator.Adopted, withFacilitator.Reason));
        Assert.False(withFacilitator.Of(Side.CivilSociety)!.Passed); // shown per side, decided overall
        var against = Outcome(BallotCount.Count(ballot, [Gov(Yes), Civ(No), Fac(No)]), A);
        Assert.Equal((false, OutcomeReason.MajorityAgainst), (against.Adopted, against.Reason));
        // one side alone may carry a single majority
        var oneSide = Outcome(BallotCount.Count(ballot, [Gov(Yes), Gov(Yes), Civ(No)]), A);
        Assert.Equal(OutcomeReason.Passed, oneSide.Reason);
    }

    [Theory]
    [InlineData(false, OutcomeReason.MajorityAgainst)]
    [InlineData(true, OutcomeReason.BothAgainst)]
    public void As_many_yes_as_no_is_not_adopted(bool doubleMajority, OutcomeReason expected)
    {
        var outcome = Outcome(BallotCount.Count(BallotOf(VotingMethod.YesNo, doubleMajority), [Gov(Yes), Gov(No), Civ(Yes), Civ(No), Civ(Abstain)]), A);
        Assert.Equal((false, expected), (outcome.Adopted, outcome.Reason));
        Assert.Equal(new SideTally(Side.CivilSociety, Abstain: 1, Yes: 1, No: 1), outcome.Of(Side.CivilSociety));
    }

    // ----- score -----

    [Theory]
    [InlineData(new[] { 2, 3 }, false)]    // mean 2.5: exactly the middle of 0–5
    [InlineData(new[] { 3, 3, 2 }, true)]  // mean 2.67
    [InlineData(new[] { 5, 0 }, false)]
    [InlineData(new[] { 3 }, true)]
    [InlineData(new[] { 0, 0, 0 }, false)] // scored (not "no votes"), but low
    public void A_score_passes_only_strictly_above_the_middle_of_the_scale(int[] scores, bool passes)
    {
        foreach (var doubleMajority in new[] { true, false })
        {
            var votes = scores.Select(s => Scores(Side.Government, s)).Concat(scores.Select(s => Scores(Side.CivilSociety, s))).ToList();
            var outcome = Outcome(BallotCount.Count(BallotOf(VotingMethod.Score, doubleMajority), votes), A);
            Assert.Equal(passes, outcome.Adopted);
            Assert.Equal(passes ? OutcomeReason.Passed : doubleMajority ? OutcomeReason.BothAgainst : OutcomeReason.MajorityAgainst, outcome.Reason);
            Assert.Equal((scores.Length, scores.Sum()), (outcome.Of(Side.Government)!.Scored, outcome.Of(Side.Government)!.ScoreTotal));
        }
    }

    [Fact]
    public void Score_is_judged_per_side_under_a_double_majority_and_nobody_scoring_is_no_votes()
    {
        var ballot = BallotOf(VotingMethod.Score, recommendations: [A, B]);
        var votes = new[] { new CastBallot(Side.Government, [new BallotChoice(A, Score: 5)]), new CastBallot(Side.CivilSociety, [new BallotChoice(A, Score: 1)]) };
        var result = BallotCount.Count(ballot, votes);
        Assert.Equal(OutcomeReason.CivilSocietyAgainst, Outcome(result, A).Reason); // the overall mean, 3, would have passed
        Assert.Equal(OutcomeReason.NoVotes, Outcome(result, B).Reason);
    }

    // ----- ranked choice -----

    [Fact]
    public void Ranked_points_are_Borda_as_Loomio_counts_them_and_incomplete_rankings_give_the_unranked_nothing()
    {
        var ballot = BallotOf(VotingMethod.Ranked, doubleMajority: false, recommendations: [A, B, C, D]);
        var result = BallotCount.Count(ballot, [Ranks(Side.Government, B, A), Ranks(Side.CivilSociety, B), Ranks(Side.CivilSociety, A, B, C)]);
        // of 4: first 4 points, second 3, third 2; unranked 0
        Assert.Equal(new SideTally(Side.Government, Points: 3), Outcome(result, A).Of(Side.Government));
        Assert.Equal(new SideTally(Side.CivilSociety, Points: 4, FirstPreferences: 1), Outcome(result, A).Of(Side.CivilSociety));
        Assert.Equal(new SideTally(Side.CivilSociety, Points: 7, FirstPreferences: 1, Passed: true), Outcome(result, B).Of(Side.CivilSociety));
        Assert.Equal(new SideTally(Side.CivilSociety, Points: 2), Outcome(result, C).Of(Side.CivilSociety));
        Assert.Equal((true, OutcomeReason.Passed), (Outcome(result, B).Adopted, Outcome(result, B).Reason)); // 11 points against A's 7
        Assert.Equal(OutcomeReason.RankedLower, Outcome(result, A).Reason);
        Assert.Equal(OutcomeReason.RankedLower, Outcome(result, C).Reason);
        Assert.Equal(OutcomeReason.NoVotes, Outcome(result, D).Reason); // nobody ranked it
        Assert.Single(result.Outcomes, o => o.Adopted);
    }

    [Fact]
    public void A_ranked_tie_on_points_is_broken_by_first_preferences()
    {
        var ballot = BallotOf(VotingMethod.Ranked, doubleMajority: false, recommendations: [A, B, C]);
        // A: 3 + 3 = 6 points, 2 firsts; B: 2 + 1 + 3 = 6 points, 1 first; C: 1 + 2 = 3
        var result = BallotCount.Count(ballot, [Ranks(Side.Government, A, B, C), Ranks(Side.CivilSociety, A, C, B), Ranks(Side.CivilSociety, B)]);
        Assert.Equal((6, 2), (Outcome(result, A).Sides.Sum(s => s.Points), Outcome(result, A).Sides.Sum(s => s.FirstPreferences)));
        Assert.Equal((6, 1), (Outcome(result, B).Sides.Sum(s => s.Points), Outcome(result, B).Sides.Sum(s => s.FirstPreferences)));
        Assert.Equal([OutcomeReason.Passed, OutcomeReason.RankedLower, OutcomeReason.RankedLower], result.Outcomes.Select(o => o.Reason));
    }

    [Fact]
    public void A_ranked_tie_on_points_and_first_preferences_adopts_none()
    {
        var ballot = BallotOf(VotingMethod.Ranked, doubleMajority: false, recommendations: [A, B, C]);
        // A: 3 + 1, one first; B: 2 + 2, no first; C: 1 + 3, one first
        var result = BallotCount.Count(ballot, [Ranks(Side.Government, A, B, C), Ranks(Side.CivilSociety, C, B, A)]);
        Assert.Equal([OutcomeReason.Tie, OutcomeReason.RankedLower, OutcomeReason.Tie], result.Outcomes.Select(o => o.Reason));
        Assert.DoesNotContain(result.Outcomes, o => o.Adopted);
    }

    [Theory]
    [InlineData(new[] { A, B }, new[] { A, B }, OutcomeReason.Passed)]
    [InlineData(new[] { A, B }, new[] { B, A }, OutcomeReason.CivilSocietyAgainst)]
    [InlineData(new[] { B, A }, new[] { A, B }, OutcomeReason.GovernmentAgainst)]
    public void Under_a_double_majority_the_ranked_winner_must_come_first_on_both_sides(int[] government, int[] civilSociety, OutcomeReason expected)
    {
        // two facilitators make A the winner overall whatever the sides think
        var ballot = BallotOf(VotingMethod.Ranked, unodc: 2, recommendations: [A, B]);
        var result = BallotCount.Count(ballot, [Ranks(Side.Government, government), Ranks(Side.CivilSociety, civilSociety), Ranks(Side.Unodc, A), Ranks(Side.Unodc, A)]);
        Assert.Equal((expected == OutcomeReason.Passed, expected), (Outcome(result, A).Adopted, Outcome(result, A).Reason));
        Assert.Equal(OutcomeReason.RankedLower, Outcome(result, B).Reason);
        Assert.Equal(government[0] == A, Outcome(result, A).Of(Side.Government)!.Passed);
        Assert.Equal(civilSociety[0] == A, Outcome(result, A).Of(Side.CivilSociety)!.Passed);
        Assert.True(Outcome(result, A).Of(Side.Unodc)!.Passed);
    }

    [Fact]
    public void Under_a_double_majority_a_ranked_winner_first_on_neither_side_is_not_adopted()
    {
        var ballot = BallotOf(VotingMethod.Ranked, unodc: 3, recommendations: [A, B, C]);
        var votes = Many(3, Ranks(Side.Unodc, A)).Append(Ranks(Side.Government, B)).Append(Ranks(Side.CivilSociety, C)).ToList();
        var result = BallotCount.Count(ballot, votes);
        Assert.Equal([OutcomeReason.BothAgainst, OutcomeReason.RankedLower, OutcomeReason.RankedLower], result.Outcomes.Select(o => o.Reason));
        Assert.DoesNotContain(result.Outcomes, o => o.Adopted);
        // a side tied within itself puts nobody first there
        var tiedSide = BallotCount.Count(ballot, [Ranks(Side.Government, A, B), Ranks(Side.Government, B, A), Ranks(Side.CivilSociety, A)]);
        Assert.Equal(OutcomeReason.GovernmentAgainst, Outcome(tiedSide, A).Reason);
        Assert.All(tiedSide.Outcomes, o => Assert.False(o.Of(Side.Government)!.Passed));
    }

    [Fact]
    public void A_side_that_ranked_nothing_puts_nothing_first()
    {
        var ballot = BallotOf(VotingMethod.Ranked, recommendations: [A]);
        var result = BallotCount.Count(ballot, [Ranks(Side.Government, A), new CastBallot(Side.CivilSociety, [new BallotChoice(A)])]);
        Assert.Equal((false, OutcomeReason.CivilSocietyAgainst), (Outcome(result, A).Adopted, Outcome(result, A).Reason));
        Assert.True(Outcome(result, A).Of(Side.Government)!.Passed);
        Assert.False(Outcome(result, A).Of(Side.CivilSociety)!.Passed);
    }

    // ----- order of the votes -----

    public static TheoryData<VotingMethod, bool> Methods()
    {
        var data = new TheoryData<VotingMethod, bool>();
        foreach (var m in Enum.GetValues<VotingMethod>()) { data.Add(m, true); data.Add(m, false); }
        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void The_order_of_the_votes_does_not_change_the_result(VotingMethod method, bool doubleMajority)
    {
        var ballot = BallotOf(method, doubleMajority, quorum: 50, government: 1, civilSociety: 2, unodc: 2, recommendations: [A, B, C]);
        // ranked: A, B and C all have 6 points; A wins on first preferences
        CastBallot[] votes = method switch
        {
            VotingMethod.Ranked => [Ranks(Side.Government, A, B, C), Ranks(Side.CivilSociety, A, C, B), Ranks(Side.CivilSociety, B), Ranks(Side.Unodc, C)],
            VotingMethod.Score => [Scores(Side.Government, 3, 2, 5), Scores(Side.CivilSociety, 2, 4, 0), Scores(Side.CivilSociety, 5, 3, 1), Scores(Side.Unodc, 0, 0, 5)],
            VotingMethod.Consent => [Gov(Agree, Disagree, Abstain), Civ(Agree, Agree, Block), Civ(Abstain, Agree, Agree), Fac(Disagree, Disagree, Agree)],
            _ => [Gov(Yes, No, Abstain), Civ(Yes, Yes, No), Civ(No, Yes, Yes), Fac(No, No, Yes)],
        };
        var expected = Describe(BallotCount.Count(ballot, votes));
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            var shuffled = votes.OrderBy(_ => random.Next()).ToList();
            Assert.Equal(expected, Describe(BallotCount.Count(ballot, shuffled)));
        }
        Assert.Equal(expected, Describe(BallotCount.Count(ballot, votes.Reverse().ToList())));
    }

    private static string Describe(BallotResult r) =>
        string.Join("; ", r.Turnout) + " | " + r.Counted + " | "
        + string.Join("; ", r.Outcomes.Select(o => $"{o.Recommendation} {o.Adopted} {o.Reason} [{string.Join(", ", o.Sides)}]"));

    // ----- the check of one vote -----

    public static TheoryData<VotingMethod, BallotChoice[]> ValidVotes() => new()
    {
        { VotingMethod.Consent, [new(A, Agree), new(B, Abstain), new(C, Disagree, Reason: "Costly")] },
        { VotingMethod.Consent, [new(C, Block, Reason: "Unlawful"), new(A, Agree), new(B, Agree)] },
        { VotingMethod.YesNo, [new(A, Yes), new(B, No), new(C, Abstain)] },
        { VotingMethod.Score, [new(A, Score: 0), new(B, Score: 5), new(C, Score: 3)] },
        { VotingMethod.Ranked, [new(A, Rank: 2), new(B, Rank: 1), new(C, Rank: 3)] },
        { VotingMethod.Ranked, [new(C, Rank: 1)] }, // the rest may be left unranked
        { VotingMethod.Ranked, [new(A), new(B, Rank: 1), new(C)] },
    };

    [Theory]
    [MemberData(nameof(ValidVotes))]
    public void A_valid_vote_has_no_problems(VotingMethod method, BallotChoice[] choices) =>
        Assert.Empty(BallotCount.Check(BallotOf(method, recommendations: [A, B, C]), choices));

    private static IReadOnlyList<VoteProblem> Check(VotingMethod method, params BallotChoice[] choices) =>
        BallotCount.Check(BallotOf(method, recommendations: [A, B, C]), choices);

    [Theory]
    [InlineData(VotingMethod.Consent)]
    [InlineData(VotingMethod.YesNo)]
    [InlineData(VotingMethod.Score)]
    public void Consent_yes_no_and_score_need_a_choice_on_every_recommendation(VotingMethod method)
    {
        BallotChoice Valid(int r) => method == VotingMethod.Score ? new(r, Score: 4) : new(r, Abstain);
        Assert.Equal([new VoteProblem(B, VoteProblemKind.Missing)], Check(method, Valid(A), Valid(C)));
        Assert.Equal([new VoteProblem(B, VoteProblemKind.Missing)], Check(method, Valid(A), new(B), Valid(C)));
        Assert.Equal([A, B, C], Check(method).Select(p => p.Recommendation));
        Assert.All(Check(method), p => Assert.Equal(VoteProblemKind.Missing, p.Kind));
    }

    public static TheoryData<VotingMethod, BallotChoice> NotOfTheMethod() => new()
    {
        { VotingMethod.Consent, new(B, Yes) },
        { VotingMethod.Consent, new(B, No) },
        { VotingMethod.Consent, new(B, Score: 3) },
        { VotingMethod.Consent, new(B, Rank: 1) },
        { VotingMethod.Consent, new(B, Agree, Score: 3) },
        { VotingMethod.YesNo, new(B, Agree) },
        { VotingMethod.YesNo, new(B, Block, Reason: "No") },
        { VotingMethod.YesNo, new(B, Disagree, Reason: "No") },
        { VotingMethod.YesNo, new(B, Rank: 2) },
        { VotingMethod.Score, new(B, Agree) },
        { VotingMethod.Score, new(B, Yes, Score: 3) },
        { VotingMethod.Score, new(B, Score: 3, Rank: 1) },
        { VotingMethod.Ranked, new(B, Agree) },
        { VotingMethod.Ranked, new(B, Score: 3) },
    };

    [Theory]
    [MemberData(nameof(NotOfTheMethod))]
    public void A_choice_of_another_method_is_refused(VotingMethod method, BallotChoice wrong)
    {
        BallotChoice Valid(int r) => method switch
        {
            VotingMethod.Score => new(r, Score: 4),
            VotingMethod.Ranked => new(r, Rank: r == A ? 1 : 2),
            VotingMethod.Consent => new(r, Agree),
            _ => new(r, Yes),
        };
        var problems = Check(method, Valid(A), wrong, new(C));
        Assert.Contains(new VoteProblem(B, VoteProblemKind.NotThisMethod), problems);
        Assert.DoesNotContain(problems, p => p.Recommendation == A);
    }

    [Theory]
    [InlineData(Disagree, null)]
    [InlineData(Disagree, "")]
    [InlineData(Block, "   ")]
    [InlineData(Block, null)]
    public void Disagreeing_or_blocking_needs_a_reason(Stance stance, string? reason)
    {
        Assert.Equal([new VoteProblem(C, VoteProblemKind.ReasonRequired)], Check(VotingMethod.Consent, new(A, Agree), new(B, Abstain), new(C, stance, Reason: reason)));
        Assert.Empty(Check(VotingMethod.Consent, new(A, Agree), new(B, Abstain), new(C, stance, Reason: "Out of scope")));
        Assert.Empty(Check(VotingMethod.YesNo, new(A, No), new(B, No), new(C, No))); // saying no needs no reason
    }

    [Fact]
    public void A_reason_is_at_most_the_maximum_once_trimmed()
    {
        var longest = "  " + new string('x', BallotRules.MaxReason) + " \n";
        Assert.Empty(Check(VotingMethod.Consent, new(A, Block, Reason: longest), new(B, Agree), new(C, Agree)));
        var tooLong = new string('x', BallotRules.MaxReason + 1);
        Assert.Equal([new VoteProblem(A, VoteProblemKind.ReasonTooLong)], Check(VotingMethod.Consent, new(A, Block, Reason: tooLong), new(B, Agree), new(C, Agree)));
        Assert.Equal([new VoteProblem(B, VoteProblemKind.ReasonTooLong)], Check(VotingMethod.Score, new(A, Score: 1), new(B, Score: 2, Reason: tooLong), new(C, Score: 3)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(BallotRules.MaxScore + 1)]
    [InlineData(100)]
    public void A_score_is_from_0_to_the_maximum(int score) =>
        Assert.Equal([new VoteProblem(B, VoteProblemKind.ScoreOutOfRange)], Check(VotingMethod.Score, new(A, Score: 0), new(B, Score: score), new(C, Score: BallotRules.MaxScore)));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)] // three recommendations on the ballot
    public void A_rank_is_from_1_to_the_number_of_recommendations(int rank) =>
        Assert.Contains(new VoteProblem(B, VoteProblemKind.RankOutOfRange), Check(VotingMethod.Ranked, new(A, Rank: 1), new(B, Rank: rank)));

    [Fact]
    public void Each_rank_is_given_once_and_the_later_recommendation_on_the_ballot_is_named()
    {
        Assert.Equal([new VoteProblem(C, VoteProblemKind.RankTwice)], Check(VotingMethod.Ranked, new(C, Rank: 1), new(A, Rank: 1), new(B, Rank: 2)));
        Assert.Equal([new VoteProblem(B, VoteProblemKind.RankTwice), new VoteProblem(C, VoteProblemKind.RankTwice)],
            Check(VotingMethod.Ranked, new(A, Rank: 1), new(B, Rank: 1), new(C, Rank: 1)));
    }

    [Fact]
    public void A_ranked_vote_ranks_something()
    {
        Assert.Equal([new VoteProblem(A, VoteProblemKind.NoneRanked)], Check(VotingMethod.Ranked));
        Assert.Equal([new VoteProblem(A, VoteProblemKind.NoneRanked)], Check(VotingMethod.Ranked, new(A), new(B), new(C)));
    }

    [Theory]
    [InlineData(1, 3, C)]       // A first, C third: nothing second
    [InlineData(2, null, A)]    // only a second place
    [InlineData(3, 1, A)]
    public void Ranks_run_from_1_without_a_gap(int rankOfA, int? rankOfC, int named) =>
        Assert.Equal([new VoteProblem(named, VoteProblemKind.RankGap)], Check(VotingMethod.Ranked, new(A, Rank: rankOfA), new(B), new(C, Rank: rankOfC)));

    [Fact]
    public void A_choice_for_a_recommendation_not_on_the_ballot_is_refused_after_the_others()
    {
        var problems = Check(VotingMethod.YesNo, new(99, Yes), new(A, Yes), new(42, No), new(B, No));
        Assert.Equal([new VoteProblem(C, VoteProblemKind.Missing), new VoteProblem(42, VoteProblemKind.NotOnBallot), new VoteProblem(99, VoteProblemKind.NotOnBallot)], problems);
    }

    [Fact]
    public void Problems_come_in_the_order_of_the_ballot_whatever_the_order_of_the_choices()
    {
        var ballot = BallotOf(VotingMethod.Consent, recommendations: [C, A, B]);
        var problems = BallotCount.Check(ballot, [new(B, Block), new(A, Yes), new(7, Agree)]);
        Assert.Equal(
            [new VoteProblem(C, VoteProblemKind.Missing), new VoteProblem(A, VoteProblemKind.NotThisMethod), new VoteProblem(B, VoteProblemKind.ReasonRequired), new VoteProblem(7, VoteProblemKind.NotOnBallot)],
            problems);
        var ranked = BallotOf(VotingMethod.Ranked, recommendations: [C, A, B]);
        Assert.Equal(
            [new VoteProblem(C, VoteProblemKind.RankGap), new VoteProblem(A, VoteProblemKind.RankOutOfRange), new VoteProblem(B, VoteProblemKind.RankTwice), new VoteProblem(D, VoteProblemKind.NotOnBallot)],
            BallotCount.Check(ranked, [new(B, Rank: 2), new(D, Rank: 1), new(A, Rank: 9), new(C, Rank: 2)]));
    }
}
