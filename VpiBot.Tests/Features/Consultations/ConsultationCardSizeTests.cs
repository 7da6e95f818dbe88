using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Domain.Consultations;
using VpiBot.Features.Consultations;
using VpiBot.Features.Consultations.Cards;
using VpiBot.Tests.Support;
using Xunit.Abstractions;

namespace VpiBot.Tests.Features.Consultations;

/// <summary>
/// The consultation cards at their limits: 20 questions of the longest length, answers of 4,000 characters, 60 people
/// answering from organisations with long Arabic names. Every page of every card stays under Teams' 40 KB, valid for the
/// 1.5 schema, and together the pages show every question and every input.
/// </summary>
public sealed class ConsultationCardSizeTests(ITestOutputHelper output)
{
    /// <summary>Every card is measured in each of the six languages: a longer language must not push it past 40 KB.</summary>
    private static readonly CultureInfo[] Readers = [.. VpiBot.Protocol.Languages.Supported.Select(l => VpiBot.Protocol.Languages.For(l))];
    private static string Arabic(int length) => LargestCards.Arabic(length);
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Vpi Ghana = LargestCards.Ghana;

    private static readonly IReadOnlyList<Member> People = [.. Enumerable.Range(0, 12).Select(i =>
        new Member($"aad-{i:D2}-0000-4000-8000-000000000000", $"29:{i}", Arabic(60), null, VpiRole.Alliance, $"{i:D2} " + Arabic(100), OrganisationType.Ngo, "f", Now))];

    private static readonly Consultation Largest = new(99_999, Arabic(ConsultationRules.MaxTitle),
        [.. Enumerable.Range(0, ConsultationRules.MaxQuestions).Select(_ => Arabic(ConsultationRules.MaxQuestion))], Now.AddDays(30), "Africa/Accra",
        [.. People.Select(p => p.AadObjectId)], true, "f", Arabic(60), Now);

    private static ConsultationAnswer Full(Member who) =>
        ConsultationRules.Save(Largest, null, who, 0, [.. Largest.Questions.Select(_ => Arabic(ConsultationRules.MaxAnswer))], Now);

    private int Report(string what, JsonObject card, bool quiet = false)
    {
        CardAssert.ValidAdaptiveCard(card);
        var bytes = CardAssert.MessageSizeInBytes(card);
        if (!quiet)
        {
            output.WriteLine($"{what}: {bytes / 1024.0:0.0} KB");
        }
        return bytes;
    }

    [Fact]
    public void Every_page_of_the_longest_answers_fits_and_the_pages_hold_every_question_once()
    {
        foreach (var reader in Readers)
        {
            var answer = Full(People[0]);
            var pages = ConsultationRules.AnswerPages(Largest, answer.For);
            var shown = new List<int>();
            for (var page = 1; page <= pages.Count; page++)
            {
                var card = ConsultationAnswerCard.Build(Ghana, Largest, answer, page, Now, reader);
                Report($"answers, page {page} of {pages.Count}", card);
                shown.AddRange(Enumerable.Range(0, ConsultationRules.QuestionsPerPage).Select(i => SaveConsultationAnswers.InputId(i))
                    .Where(id => CardReading.Inputs(card)[id] is not null).Select((_, i) => pages[page - 1].From + i));
            }
            Assert.Equal(Enumerable.Range(0, ConsultationRules.MaxQuestions), shown);
            // closed: the same pages as text
            var closed = ConsultationRules.Close(Largest, null, Now.AddDays(31))!;
            for (var page = 1; page <= pages.Count; page++)
            {
                Report($"closed answers, page {page}", ConsultationAnswerCard.Build(Ghana, closed, answer, page, Now.AddDays(31), reader));
            }
        }
    }

    [Fact]
    public void Every_page_of_12_organisations_full_inputs_fits_and_together_they_show_every_input()
    {
        foreach (var reader in Readers)
        {
            var answers = People.Select(Full).ToList();
            var all = new System.Text.StringBuilder();
            var largest = 0;
            var page = 1;
            for (; ; page++)
            {
                var card = ConsultationInputsCard.Build(Ghana, Largest, answers, page, reader);
                largest = Math.Max(largest, Report($"inputs, page {page}", card, quiet: true));
                all.Append(CardReading.Visible(card));
                if (!CardReading.ExecuteButtons(card).Any(b => b["data"]!["page"]?.GetValue<int>() == page + 1))
                {
                    break;
                }
            }
            output.WriteLine($"inputs: {page} pages, the largest {largest / 1024.0:0.0} KB");
            Assert.True(page >= 20 * People.Count / ConsultationInputsCard.InputsPerPage); // 240 inputs, 12 a page at most
            var text = all.ToString();
            foreach (var p in People)
            {
                Assert.Contains(p.Organisation, text);
            }
            Assert.Equal(20 * People.Count, text.Split(Arabic(ConsultationRules.MaxAnswer)).Length - 1); // every input once
        }
    }

    [Fact]
    public void The_form_the_summary_the_list_and_the_channel_cards_fit()
    {
        foreach (var reader in Readers)
        {
            var typed = new OpenConsultation(Ghana.Id, Arabic(ConsultationRules.MaxTitle),
                string.Join("\n", Enumerable.Range(0, ConsultationRules.MaxQuestions + 5).Select(_ => Arabic(ConsultationRules.MaxQuestion))),
                string.Join(",", ConsultationInput.Offered(Ghana)), "2027-03-10", "17:00", string.Join(",", People.Select(p => p.AadObjectId)));
            var roster = Enumerable.Range(0, 10).SelectMany(n => People.Select(p => p with { AadObjectId = p.AadObjectId + n })).ToList(); // 120 members
            Report("form", ConsultationFormCard.Build(Ghana, roster, ConsultationInput.Trim(typed, Ghana, roster), reader,
                [.. Enumerable.Range(0, 8).Select(i => Arabic(120))]));
            Report("summary", ConsultationCard.Build(Ghana, Largest, 60, reader, Arabic(100), posted: true));
            Report("list", ConsultationListCard.Build(Ghana, [.. Enumerable.Range(1, 30).Select(n => (Largest with { Number = n }, 30))], 2, reader));
            Report("close?", ConsultationCloseCard.Build(Ghana, Largest, 60, reader));
            Report("closed", ConsultationClosedCard.Build(Ghana, ConsultationRules.Close(Largest, Arabic(60), Now)!, 1200, 60, reader));
            Report("reminder", ConsultationReminderCard.Build(Ghana, Largest, reader));
        }
    }
}
