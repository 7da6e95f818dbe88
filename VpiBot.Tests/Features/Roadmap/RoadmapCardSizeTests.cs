using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Roadmap;
using VpiBot.Features.Roadmap.Cards;
using VpiBot.Tests.Support;
using Xunit.Abstractions;

namespace VpiBot.Tests.Features.Roadmap;

/// <summary>
/// The roadmap's cards at its scale: 300 tasks over 40 owners, in the language that costs most bytes (Arabic), every
/// title, name and comment at its longest. Each card stays under Teams' 40 KB and reads in pages, grouped, the most
/// urgent first.
/// </summary>
public sealed class RoadmapCardSizeTests(ITestOutputHelper output)
{
    /// <summary>Every card is measured in each of the six languages: a longer language must not push it past 40 KB.</summary>
    private static readonly CultureInfo[] Readers = [.. VpiBot.Protocol.Languages.Supported.Select(l => VpiBot.Protocol.Languages.For(l))];
    private static string Arabic(int length) => LargestCards.Arabic(length);
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static readonly Vpi Ghana = LargestCards.Ghana;

    private static readonly IReadOnlyList<string> Owners = Enumerable.Range(0, 40).Select(i => $"a1b2c3d4-0000-4000-8000-{i:D12}").ToList();
    private static readonly IReadOnlyDictionary<string, string> Names = Owners.ToDictionary(o => o, _ => Arabic(60));

    /// <summary>Task <paramref name="n"/> (99,000 and up: five-digit labels): 20 owners (the most), the first of them in all; one in three overdue.</summary>
    private static RoadmapTask Task(int n)
    {
        var owners = Owners.Skip(n % 20).Take(RoadmapTask.MaxOwners).Prepend(Owners[0]).Distinct().Take(RoadmapTask.MaxOwners).ToList();
        var t = RoadmapRules.Create(99_000 + n, new TaskText(Arabic(TaskText.MaxTitle), Arabic(TaskText.MaxDescription)), n % 31 == 0 ? null : 99_000 + n % 30,
            owners, LeadSide.Joint, Today.AddDays(-400), Today.AddDays(n % 3 == 0 ? -(n + 1) : n + 1), "f", Arabic(60), Now).Task!;
        return t with { State = (TaskState)(n % 5), Progress = n % 5 == 3 ? 100 : 40 };
    }

    private static TaskListing Listing() => new(Enumerable.Range(0, 300).Select(Task).ToList(), Names,
        Enumerable.Range(0, 30).ToDictionary(i => 99_000 + i, _ => Arabic(RecommendationText.MaxTitle)), Today);

    private static int Items(JsonObject card) => card.ToJsonString().Split("\"verb\":\"task.view\"").Length - 1;

    private int Report(string what, JsonObject card)
    {
        CardAssert.ValidAdaptiveCard(card);
        var bytes = CardAssert.MessageSizeInBytes(card);
        output.WriteLine($"{what}: {bytes / 1024.0:0.0} KB");
        return bytes;
    }

    [Fact]
    public void Every_page_of_the_roadmap_fits_groups_by_recommendation_and_shows_overdue_first()
    {
        foreach (var reader in Readers)
        {
            var l = Listing();
            var pages = (300 + RoadmapCard.PageSize - 1) / RoadmapCard.PageSize;
            var largest = 0;
            var seen = new List<int>();
            for (var page = 1; page <= pages; page++)
            {
                var card = RoadmapCard.Build(Ghana, l, page, reader);
                largest = Math.Max(largest, Report($"roadmap page {page}", card));
                Assert.Equal(RoadmapCard.PageSize, Items(card));
                seen.AddRange(Numbers(card));
            }
            Assert.Equal(300, seen.Distinct().Count()); // every task once, on some page
            output.WriteLine($"largest roadmap page: {largest / 1024.0:0.0} KB");
            // the first page: the whole roadmap's counts, then a recommendation with overdue tasks, its overdue tasks first
            var first = RoadmapCard.Build(Ghana, l, 1, reader);
            var text = CardReading.Visible(first);
            if (reader.Name == "en") Assert.Contains("300 tasks: 60 done (25%) · ", text);  // the English wording; the size holds in every language
            var firstTask = l.Tasks.Single(t => t.Number == Numbers(first)[0]);
            Assert.True(firstTask.IsOverdue(Today));
            if (reader.Name == "en") Assert.Equal(["Next"], CardReading.ButtonTitles(first));
        }
    }

    [Fact]
    public void My_tasks_for_an_owner_of_all_300_fits_every_page_most_urgent_first()
    {
        foreach (var reader in Readers)
        {
            var l = Listing();
            var numbers = new List<int>();
            for (var page = 1; page <= 300 / MyTasksCard.PageSize; page++)
            {
                var card = MyTasksCard.Build(Ghana, l, Owners[0], page, reader);
                Report($"my tasks page {page}", card);
                Assert.Equal(MyTasksCard.PageSize, Items(card));
                numbers.AddRange(Numbers(card));
            }
            var ranks = numbers.Select(n => TaskUrgency.Rank(l.Tasks.Single(t => t.Number == n), Today)).ToList();
            Assert.Equal(ranks.Order(), ranks); // overdue, then open, then closed, across the pages
            Assert.Equal(300, numbers.Distinct().Count());
            Report("overdue page 1", OverdueCard.Build(Ghana, l, 1, reader));
        }
    }

    [Fact]
    public void The_task_card_with_a_long_log_the_form_and_the_log_pages_fit()
    {
        foreach (var reader in Readers)
        {
            var t = Task(1);
            var log = Enumerable.Range(0, 500).Select(i => new TaskUpdate(Owners[i % 40], Arabic(60), Now.AddMinutes(i), TaskState.InProgress, TaskState.Blocked, 10, 20,
                Arabic(RoadmapTask.MaxComment))).ToList();
            t = t with { Log = [.. t.Log, .. log] };
            var recommendation = RecommendationRules.Propose(99_001, new RecommendationText(Arabic(RecommendationText.MaxTitle), Arabic(RecommendationText.MaxText)), [1], "a", Arabic(60), Now);
            var refresh = Enumerable.Range(0, TaskCard.MaxRefreshUsers).Select(i => $"29:{i:D4}{new string('x', 86)}").ToList();
            var shown = new TaskShown(t, Names, recommendation, refresh, Today);
            var typed = new UpdateTask(Ghana.Id, t.Number, t.Revision, "Blocked", "30", Arabic(100_000));
            Report("task card, owner's view with problems", TaskCard.Build(Ghana, shown, canUpdate: true, reader, Arabic(200), [Arabic(200), Arabic(200)], typed));
            Report("task card, posted", TaskCard.Build(Ghana, shown, canUpdate: false, reader, posted: true));
            for (var page = 1; page <= 51; page++)
            {
                CardAssert.ValidAdaptiveCard(TaskLogCard.Build(Ghana, t, page, reader));
            }
            Report("task log page", TaskLogCard.Build(Ghana, t, 1, reader));

            var roster = Enumerable.Range(0, 300).Select(i => new Member($"a1b2c3d4-0000-4000-8000-{i:D12}", "29:x", Arabic(60), null, VpiRole.Alliance, "o", OrganisationType.Ngo, "f", Now)).ToList();
            var adopted = Enumerable.Range(0, 100).Select(i => recommendation with { Number = 99_000 + i, Status = RecommendationStatus.Adopted }).ToList();
            var typedForm = TaskInput.Trim(new SaveTask(Ghana.Id, Arabic(100_000), Arabic(100_000), "99001", string.Join(",", roster.Select(m => m.AadObjectId)), "Joint", "2026-11-28", "2026-12-28"), roster, adopted);
            Report("task form, 300 members, 100 adopted recommendations", TaskFormCard.Build(Ghana, roster, adopted, typedForm, reader, [Arabic(200), Arabic(200), Arabic(200)]));
        }
    }

    private static List<int> Numbers(JsonObject card) =>
        card.ToJsonString().Split("\"verb\":\"task.view\",\"data\":{").Skip(1)
            .Select(s => int.Parse(s[(s.IndexOf("\"number\":", StringComparison.Ordinal) + 9)..].Split('}', ',')[0], CultureInfo.InvariantCulture)).ToList();
}
