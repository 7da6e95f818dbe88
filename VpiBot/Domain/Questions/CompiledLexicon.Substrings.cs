using System.Text;

namespace VpiBot.Domain.Questions;

/// <summary>
/// What a language written without spaces (<see cref="QuestionLexicon.MatchSubstrings"/>: Chinese) needs besides
/// finding its phrases as substrings: numbers in words glued to their kind, markers on either side of a number
/// ("第5条建议", "3号建议", "建议第3条"), phrase sizes in characters, and the language counted by the characters its
/// words cover (a two-character word is as much a word as "roadmap").
/// </summary>
internal sealed partial class CompiledLexicon
{
    private string[]? _markerTexts;
    private string[]? _kindTexts;
    private (string Word, int Value)[]? _numberWords;
    private string[]? _ownScriptWords;

    private string[] MarkerTexts => _markerTexts ??= Source.NumberMarkers.Select(m => string.Concat(QuestionText.Words(m)))
        .Where(m => m.Length > 0).OrderByDescending(m => m.Length).ToArray();

    private string[] KindTexts => _kindTexts ??= ItemKinds.Select(k => Joined(k.Pattern.Parts[^1])).ToArray();

    /// <summary>The numbers in words, longest first ("十二" before "十").</summary>
    private (string Word, int Value)[] NumberWordTexts => _numberWords ??= Source.NumberWords
        .Select((w, i) => (Word: string.Concat(QuestionText.Words(w)), Value: i + 1))
        .Where(n => n.Word.Length > 0).OrderByDescending(n => n.Word.Length).ToArray();

    /// <summary>The known words with a character outside ASCII.</summary>
    private string[] OwnScriptWords => _ownScriptWords ??= _known.Where(w => w.Any(c => !char.IsAscii(c))).ToArray();

    private static string Joined(string[] part) => string.Concat(part.Select(w => w.TrimEnd('*')));

    /// <summary>A pattern's size for "the longest phrase wins": words, or characters in a substring language ("待批准" over "批准").</summary>
    public int Size(Pattern p) => Source.MatchSubstrings ? p.Parts.Sum(part => Joined(part).Length) : p.Length;

    /// <summary>
    /// A folded question with its numbers in words as digits where they number an item: after a marker ("第三"), or,
    /// from two up, next to a kind ("建议七", "三号建议": "号建议" is a kind written after its number). One alone is
    /// the word for "a" ("一个", "下一次") and is read only after a marker; "三条建议" (a count) stays in words.
    /// </summary>
    private string DigitsForNumberWords(string folded)
    {
        var numbers = NumberWordTexts;
        if (numbers.Length == 0) return folded;
        var sb = new StringBuilder(folded.Length + 8);
        for (var i = 0; i < folded.Length;)
        {
            var at = i;
            var (word, value) = numbers.FirstOrDefault(n => string.CompareOrdinal(folded, at, n.Word, 0, n.Word.Length) == 0);
            if (word is not null)
            {
                var before = folded[..i];
                var after = folded[(i + word.Length)..];
                if (EndsWithMarker(before) ||
                    (value > 1 && (KindTexts.Any(before.EndsWith) || KindTexts.Any(after.StartsWith))))
                {
                    sb.Append(' ').Append(value).Append(' ');
                    i += word.Length;
                    continue;
                }
            }
            sb.Append(folded[i++]);
        }
        return sb.ToString();
    }

    /// <summary>How many of the question's characters outside ASCII the lexicon's words cover (ASCII words such as "vpi", "r" are any language's).</summary>
    private int CountCovered(string joined)
    {
        var covered = new bool[joined.Length];
        foreach (var w in OwnScriptWords)
            for (var at = joined.IndexOf(w, StringComparison.Ordinal); at >= 0; at = joined.IndexOf(w, at + 1, StringComparison.Ordinal))
                Array.Fill(covered, true, at, w.Length);
        return joined.Where((c, i) => covered[i] && !char.IsAscii(c)).Count();
    }

    /// <summary>Whether a text ends with a number marker that does not end a kind ("第" does; "优先事项" ends with 项, a kind).</summary>
    private bool EndsWithMarker(string text) => MarkerTexts.Any(text.EndsWith) && !KindTexts.Any(text.EndsWith);

    /// <summary>A word without the number markers it ends with ("建议第" → "建议"; "优先事项" stays).</summary>
    private string WithoutTrailingMarkers(string word)
    {
        while (EndsWithMarker(word))
        {
            var m = MarkerTexts.First(word.EndsWith);
            if (word.Length <= m.Length) break;
            word = word[..^m.Length];
        }
        return word;
    }

    /// <summary>Whether the number at <paramref name="at"/> follows a marker ("第3条", "请问第3条"): an ordinal, whose measure word may follow.</summary>
    private bool Ordinal(string[] words, int at) => at > 0 && EndsWithMarker(words[at - 1]);

    /// <summary>In a substring language, whether the number at <paramref name="at"/> counts things ("3条建议", "3个任务"): a measure word follows with no 第 before.</summary>
    public bool IsCount(string[] words, int at) =>
        Source.MatchSubstrings && at + 1 < words.Length && !Ordinal(words, at) && MarkerTexts.Any(words[at + 1].StartsWith);

    /// <summary>
    /// In a substring language, the kind named just after the number at <paramref name="at"/>: "3号建议", and, for an
    /// ordinal, past its measure word ("第5条建议").
    /// </summary>
    public ItemKind? KindAfter(string[] words, int at)
    {
        if (!Source.MatchSubstrings || at + 1 >= words.Length) return null;
        var next = words[at + 1];
        if (Ordinal(words, at))
            for (var m = MarkerTexts.FirstOrDefault(next.StartsWith); m is not null && next.Length > m.Length; m = MarkerTexts.FirstOrDefault(next.StartsWith))
                next = next[m.Length..];
        foreach (var (pattern, kind) in ItemKinds)
            if (next.StartsWith(Joined(pattern.Parts[^1]), StringComparison.Ordinal)) return kind;
        return null;
    }
}
