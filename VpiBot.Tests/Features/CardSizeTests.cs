using System.Globalization;
using VpiBot.Domain;
using VpiBot.Features.Ballots;
using VpiBot.Features.Ballots.Cards;
using VpiBot.Features.Reminders;
using VpiBot.Features.Reminders.Cards;
using VpiBot.Features.Priorities.Cards;
using VpiBot.Storage;
using VpiBot.Features.Recommendations;
using VpiBot.Features.Recommendations.Cards;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Features;

/// <summary>
/// Every priority card stays under Teams' 40 KB at the documented limits, in the language that costs most bytes
/// (Arabic: 2 bytes a character in UTF-8; 6 if it were written as \uXXXX), with a review team of two hundred who all
/// wrote the longest comment allowed.
/// </summary>
public sealed class CardSizeTests
{
    /// <summary>Every card is measured in each of the six languages: a longer language must not push it past 40 KB.</summary>
    private static readonly CultureInfo[] Readers = [.. VpiBot.Protocol.Languages.Supported.Select(l => VpiBot.Protocol.Languages.For(l))];
    private static string Arabic(int length) => LargestCards.Arabic(length);

    private static readonly Vpi Ghana = new("v1", "GH", "t", Instrument.Untoc, ReviewCluster.Prevention, CollaborationLevel.High,
        new VpiHome("19:c@thread.tacv2", "https://smba.trafficmanager.net/amer/", null, null, true),
        new Dictionary<VpiStage, DateOnly>(), new HashSet<string>(), "f", DateTimeOffset.UnixEpoch);

    private static Priority Longest(int reviewers)
    {
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var text = new PriorityText(Arabic(PriorityText.MaxTitle), Arabic(PriorityText.MaxDescription), Instrument.Untoc, ReviewCluster.Prevention,
            Arabic(PriorityText.MaxRationale), Arabic(PriorityText.MaxOrganisation));
        var team = Enumerable.Range(0, reviewers).Select(i => $"r{i}").ToList();
        var p = PriorityReview.SendForReview(PriorityReview.Create(1, text, true, "a", Arabic(60), now), team, "f", Arabic(60), now).Priority!;
        var decisions = team.Select((r, i) => new ReviewerDecision(r, Arabic(60), ReviewDecision.RequestChanges, $"R{i}: " + Arabic(ReviewCard.MaxComment - 6), now.AddSeconds(i))).ToList();
        var history = Enumerable.Range(0, 100).Select(i => new PriorityTransition("r", Arabic(60), now, PriorityStatus.UnderReview, PriorityStatus.ChangesRequested, Arabic(ReviewCard.MaxComment)));
        return p with { Decisions = decisions, History = [.. p.History, .. history] };
    }

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public void Review_detail_outcome_and_decision_cards_fit_at_every_limit(int reviewers)
    {
        foreach (var reader in Readers)
        {
            var p = Longest(reviewers);
            // Teams user ids are about 90 characters ("29:1GcS4EzHaolDs3FNW3aF8aS9m9b5fk…")
            var ids = Enumerable.Range(0, Math.Min(reviewers, ReviewCard.MaxRefreshUsers)).Select(i => $"29:{i:D4}{new string('x', 86)}").ToList();
            CardAssert.ValidAdaptiveCard(ReviewCard.Build(Ghana, p, ids, canDecide: true, reader, "Your decision is recorded."));
            CardAssert.ValidAdaptiveCard(ReviewCard.Build(Ghana, p, ids, canDecide: false, reader, posted: true));
            CardAssert.ValidAdaptiveCard(PriorityDetailCard.Build(Ghana, p, viewerIsAuthor: true, reader, "Priority #1 is submitted."));
            CardAssert.ValidAdaptiveCard(PriorityOutcomeCard.Build(p with { Status = PriorityStatus.ChangesRequested }, reader));
            for (var page = 1; page <= (reviewers + PriorityDecisionsCard.PageSize - 1) / PriorityDecisionsCard.PageSize; page++)
            {
                CardAssert.ValidAdaptiveCard(PriorityDecisionsCard.Build(Ghana, p, page, reader));
            }
        }
    }

    [Fact]
    public void Comments_cut_on_a_card_can_be_read_in_full_and_the_bot_writes_UTF8_not_escapes()
    {
        foreach (var reader in Readers)
        {
            var p = Longest(200);
            var review = ReviewCard.Build(Ghana, p, [], canDecide: false, reader).ToJsonString(VpiBot.Protocol.BotJson.Options);
            if (reader.Name == "en") Assert.Contains("Read all decisions", review);  // the English wording; the size holds in every language
            if (reader.Name == "en") Assert.Contains("… and 190 earlier decisions.", review);  // the English wording; the size holds in every language
            Assert.DoesNotContain(p.Decisions[^1].Comment!, review); // cut on the review card …
            Assert.Contains(p.Decisions[^1].Comment!, PriorityDecisionsCard.Build(Ghana, p, 40, reader).ToJsonString(VpiBot.Protocol.BotJson.Options)); // … in full here
            Assert.DoesNotContain("\\u0645", review); // م written as itself
        }
    }

    [Fact]
    public void Recommendation_form_list_and_detail_cards_fit_at_every_limit()
    {
        foreach (var reader in Readers)
        {
            var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
            var priorityText = new PriorityText(Arabic(PriorityText.MaxTitle), "", Instrument.Untoc, ReviewCluster.Prevention, "", "");
            var approved = Enumerable.Range(99_850, 150)
                .Select(n => PriorityReview.Create(n, priorityText, true, "a", Arabic(60), now) with { Status = PriorityStatus.Approved }).ToList();
            var all = approved.Select(p => p.Number).ToList();
            var text = new RecommendationText(Arabic(RecommendationText.MaxTitle), Arabic(RecommendationText.MaxText));
            var proposed = RecommendationRules.Propose(99_999, text, all, "a", Arabic(60), now);
            var history = Enumerable.Range(0, 100).Select(_ => new RecommendationTransition("f", Arabic(60), now, RecommendationStatus.OnBallot, RecommendationStatus.NotAdopted, Arabic(2000)));
            var longest = proposed with { Ballot = 99_999, History = [.. proposed.History, .. history] };
            var titles = approved.ToDictionary(p => p.Number, p => p.Text.Title);

            // the form with every error it can show, all 150 approved priorities chosen (100 offered)
            var typed = new RecommendationDraft(Arabic(RecommendationText.MaxTitle + 10), Arabic(100_000), string.Join(",", Enumerable.Range(1, 20_000)));
            var errors = RecommendationInput.Validate(typed, approved, reader).Errors;
            Assert.Equal(3, errors.Count);
            var form = RecommendationFormCard.Build(Ghana, 99_999, 99_999, RecommendationInput.Trim(typed, approved) with { Priorities = RecommendationInput.Value(all) }, approved, reader, errors);
            CardAssert.ValidAdaptiveCard(form);
            if (reader.Name == "en") Assert.Contains("Only 100 of the 150 approved priorities", form.ToJsonString(VpiBot.Protocol.BotJson.Options));  // the English wording; the size holds in every language
            // the proposer's view (Edit, Withdraw) of the longest text, every priority and a long history
            CardAssert.ValidAdaptiveCard(RecommendationDetailCard.Build(Ghana, longest with { Status = RecommendationStatus.Proposed }, titles, "a", reader,
                "Recommendation R99999 is saved.", new RecommendationListPage("v1", 99, RecommendationStatus.NotAdopted)));
            CardAssert.ValidAdaptiveCard(RecommendationDetailCard.Build(Ghana, longest, titles, null, reader));
            var page = Enumerable.Range(0, RecommendationListCard.PageSize * 3).Select(i => longest with { Number = 99_999 - i }).ToList();
            CardAssert.ValidAdaptiveCard(RecommendationListCard.Build(Ghana, page, RecommendationStatus.NotAdopted, 2, reader));
        }
    }

    /// <summary>
    /// A ballot at every limit: ten recommendations with the longest titles and texts, sixty voters listed for refresh,
    /// a voter's view with every input and the longest reasons, problems on each; the outcome card of two hundred voters.
    /// </summary>
    [Theory]
    [InlineData(VotingMethod.Consent)]
    [InlineData(VotingMethod.YesNo)]
    [InlineData(VotingMethod.Score)]
    [InlineData(VotingMethod.Ranked)]
    public void Ballot_cards_fit_at_every_limit(VotingMethod method)
    {
        foreach (var reader in Readers)
        {
            var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
            var vpi = Ghana with { TimeZone = "Africa/Accra" };
            var numbers = Enumerable.Range(99_990, BallotRules.MaxRecommendations).ToList();
            var recommendations = numbers.Select(n => RecommendationRules.Propose(n, new RecommendationText(Arabic(RecommendationText.MaxTitle), Arabic(RecommendationText.MaxText)),
                [1], "a", Arabic(60), now) with { Status = RecommendationStatus.OnBallot, Ballot = 99_999 }).ToList();
            var electorate = Enumerable.Range(0, 200).Select(i => new Voter($"aad-{i}", Arabic(60), (Side)(i % 3))).ToList();
            var rules = new BallotRules(method, now.AddDays(3), "Africa/Accra", true, 50, false, false, true);
            var ballot = new Ballot(99_999, numbers, rules, electorate, BallotStatus.Open, "f", Arabic(60), now);
            var choices = numbers.Select((n, i) => new BallotChoice(n, Stance.Block, 3, i + 1, Arabic(BallotRules.MaxReason))).ToList();
            var votes = electorate.Select(v => new CastBallot(v.Side, choices)).ToList();
            var marks = electorate.ToDictionary(v => v.AadObjectId, v => new VoterMark(v.Side, true, false, now), StringComparer.OrdinalIgnoreCase);
            var teamsIds = Enumerable.Range(0, BallotCard.MaxRefreshUsers).Select(i => $"29:{new string('x', 100)}{i}").ToList();
            var state = new BallotState(ballot, recommendations, marks, BallotCount.Count(ballot, votes), teamsIds);
            var problems = numbers.Select(n => Arabic(120)).ToList(); // a problem is a sentence of the resources naming the recommendation
            var me = new VoterView(electorate[0], true, new StoredVote(Side.Government, choices), true);

            try
            {
                CardAssert.ValidAdaptiveCard(BallotCard.Build(vpi, state, me, reader, Arabic(120), problems));
            }
            catch (Xunit.Sdk.XunitException e)
            {
                throw new Xunit.Sdk.XunitException($"{reader.Name}, the voter's view: {e.Message}");
            }
            CardAssert.ValidAdaptiveCard(BallotCard.Build(vpi, state, null, reader, posted: true));
            var closed = ballot with { Status = BallotStatus.Closed, ClosedAt = now, Result = state.Tally };
            CardAssert.ValidAdaptiveCard(BallotCard.Build(vpi, state with { Ballot = closed }, me with { CanVote = false }, reader));
            CardAssert.ValidAdaptiveCard(BallotOutcomeCard.Build(vpi, closed, recommendations, reader));
            // every recommendation adopted: each has its "Add to roadmap" button
            var allAdopted = closed with { Result = closed.Result! with { Outcomes = closed.Result.Outcomes.Select(o => o with { Adopted = true }).ToList() } };
            var outcome = BallotOutcomeCard.Build(vpi, allAdopted, recommendations, reader);
            Assert.Equal(BallotRules.MaxRecommendations, outcome.ToJsonString().Split("\"task.addfor\"").Length - 1);
            CardAssert.ValidAdaptiveCard(outcome);
            CardAssert.ValidAdaptiveCard(BallotFormCard.Build(vpi, recommendations, new OpenBallot("v1"), reader, problems));
            CardAssert.ValidAdaptiveCard(NotVotedCard.Build(closed, new Dictionary<string, VoterMark>(), reader));
            CardAssert.ValidAdaptiveCard(BallotListCard.Build(vpi, Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? ballot : closed, 150)).ToList(), reader));
        }
    }

    /// <summary>
    /// A roadmap of 300 tasks over 40 owners, every title, name and comment as long as allowed in Arabic, every task
    /// with the most owners and a week of updates, a third of them overdue and many due soon: the weekly digest is one
    /// card under 40 KB, its groups most urgent first, saying how many more there are. A reminder card fits too.
    /// </summary>
    [Fact]
    public void The_weekly_digest_of_300_tasks_over_40_owners_fits_and_puts_the_most_urgent_first()
    {
        foreach (var reader in Readers)
        {
            var monday = new DateTimeOffset(2027, 3, 8, 9, 0, 0, TimeSpan.Zero);
            var today = new DateOnly(2027, 3, 8);
            var owners = Enumerable.Range(0, 40).Select(i => $"owner-{i:D2}").ToList();
            var names = owners.ToDictionary(o => o, o => Arabic(60));
            var tasks = Enumerable.Range(1, 300).Select(n =>
            {
                var t = RoadmapRules.Create(n, new TaskText(Arabic(TaskText.MaxTitle), Arabic(TaskText.MaxDescription)), null,
                    Enumerable.Range(0, RoadmapTask.MaxOwners).Select(k => owners[(n + k) % 40]).ToList(), LeadSide.Joint,
                    new DateOnly(2027, 1, 1), today.AddDays(n % 3 == 0 ? -(n % 50) - 1 : n % 20), owners[n % 40], Arabic(60), monday.AddDays(-30)).Task!;
                var log = Enumerable.Range(0, 20).Select(k => new TaskUpdate(owners[k], Arabic(60), monday.AddHours(-k - n % 100), null, null, k, k + 1, Arabic(RoadmapTask.MaxComment)));
                return t with { State = TaskState.InProgress, Progress = n % 100, Log = [.. t.Log, .. log] };
            }).ToList();

            var (overdue, dueSoon, changed) = RoadmapDigestView.Groups(tasks, names, today, monday);
            Assert.Equal(100, overdue.Count);
            Assert.True(dueSoon.Count > RoadmapDigestCard.MaxPerGroup);
            Assert.Equal(300, changed.Count);
            Assert.Equal(overdue.OrderBy(i => i.Task.Due).Select(i => i.Task.Number), overdue.Select(i => i.Task.Number)); // most overdue first
            Assert.Equal(-50, overdue[0].Task.Due.DayNumber - today.DayNumber);
            Assert.Equal(today, dueSoon[0].Task.Due); // soonest first

            var card = RoadmapDigestCard.Build(Ghana, today, today, overdue, dueSoon, changed, reader)!;
            CardAssert.ValidAdaptiveCard(card);
            var visible = CardReading.Visible(card);
            if (reader.Name == "en") Assert.Contains("… and 90 more: type roadmap to see them all.", visible); // overdue  // the English wording; the size holds in every language
            if (reader.Name == "en") Assert.Contains("… and 290 more: type roadmap to see them all.", visible); // changed  // the English wording; the size holds in every language
            if (reader.Name == "en") Assert.Contains("#" + overdue[0].Task.Number + " ", visible);  // the English wording; the size holds in every language
            if (reader.Name == "en") Assert.DoesNotContain("#" + overdue[^1].Task.Number + " ", visible.Split("Due in the next two weeks")[0]);  // the English wording; the size holds in every language

            CardAssert.ValidAdaptiveCard(TaskReminderCard.Build(Ghana, tasks[0], today, reader));
        }
    }
}
