using System.Globalization;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Domain.Questions;

namespace VpiBot.Tests.Domain.Questions;

/// <summary>A labelled question: the file's line, language, text, intent and slots.</summary>
public sealed record LabelledQuestion(int Line, string Language, string Text, QuestionIntent Intent, QuestionSlots Slots);

/// <summary>
/// Reading the labelled questions (questions.tsv: language, text, intent, slots such as <c>Number=3;NumberKind=Recommendation</c>)
/// and comparing slots. One reader for the recogniser's test and the benchmark (which compiles this file in).
/// </summary>
public static class LabelledQuestions
{
    public static IReadOnlyList<LabelledQuestion> Read(string path) =>
        File.ReadAllLines(path)
            .Select((line, i) => (line, i))
            .Where(x => x.line.Length > 0 && !x.line.StartsWith('#'))
            .Select(x =>
            {
                var cols = x.line.Split('\t');
                if (cols.Length is not (3 or 4))
                {
                    throw new FormatException($"{Path.GetFileName(path)}:{x.i + 1}: expected 4 tab-separated columns");
                }
                return new LabelledQuestion(x.i + 1, cols[0], cols[1], Enum.Parse<QuestionIntent>(cols[2]), ParseSlots(cols.Length > 3 ? cols[3] : ""));
            })
            .ToList();

    private static QuestionSlots ParseSlots(string text)
    {
        var slots = new QuestionSlots();
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            slots = name switch
            {
                "Number" => slots with { Number = int.Parse(value, CultureInfo.InvariantCulture) },
                "NumberKind" => slots with { NumberKind = Enum.Parse<ItemKind>(value) },
                "MeetingKind" => slots with { MeetingKind = Enum.Parse<MeetingKind>(value) },
                "Period" => slots with { Period = Enum.Parse<Period>(value) },
                "PriorityStatus" => slots with { PriorityStatus = Enum.Parse<PriorityStatus>(value) },
                "Role" => slots with { Role = Enum.Parse<VpiRole>(value) },
                "Level" => slots with { Level = Enum.Parse<CollaborationLevel>(value) },
                "Feature" => slots with { Feature = Enum.Parse<BotTool>(value) },
                "Text" => slots with { Text = value },
                _ => throw new FormatException($"unknown slot {name}"),
            };
        }
        return slots;
    }

    /// <summary>Slots equal, the organisation's text compared without case.</summary>
    public static bool SameSlots(QuestionSlots a, QuestionSlots b) =>
        a with { Text = null } == b with { Text = null } && string.Equals(a.Text, b.Text, StringComparison.OrdinalIgnoreCase);
}
