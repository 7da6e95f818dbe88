using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Domain.Questions;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Questions.Cards;

/// <summary>A question not understood: it says so, and offers the nearest questions as buttons (and help).</summary>
public static class NotUnderstoodCard
{
    public static JsonObject Build(string vpiId, IReadOnlyList<QuestionIntent> nearest, CultureInfo culture) => Card(
        [
            Paragraph(Text.Get("Question.NotUnderstood", culture)),
        ],
        [
            .. nearest.Take(3).Select(intent => Execute(Text.Get($"Question.Example.{intent}", culture), new AskQuestion(vpiId, intent), primary: false)),
            CommandButton(Text.Get("Question.Help", culture), "help"),
        ]);
}

/// <summary>A question asked in a 1:1 chat by someone in several VPIs: which one is it about?</summary>
public static class WhichVpiCard
{
    public const int MaxQuestionKept = 500;

    public static JsonObject Build(IReadOnlyList<Vpi> vpis, string question, CultureInfo culture) => Card(
        [Paragraph(Text.Get("Question.WhichVpi", culture))],
        vpis.Take(6).Select(v => Execute(Text.Get("Question.ForVpi", culture, Countries.Name(v.Country, culture)),
            new AskInVpi(v.Id, question.Length > MaxQuestionKept ? question[..MaxQuestionKept] : question), primary: false)));
}
