namespace VpiBot.Domain.Questions;

public static partial class QuestionRecogniser
{
    /// <summary>
    /// The organisation as typed in a language written without spaces: after a cue ("谁代表加纳大学" → "加纳大学"), or
    /// before a cue written "…" first ("…的联络人": "警察局的联络人是谁" → "警察局"); the cue is found anywhere, and the
    /// stop words the name starts or ends with are cut ("谁是", "的是谁"). A cue that leaves nothing lets a shorter one try.
    /// </summary>
    private static string? OrganisationInSubstrings(CompiledLexicon lexicon, string original)
    {
        var folded = QuestionText.FoldKeepingPositions(original);
        foreach (var cue in lexicon.Source.OrganisationCues.OrderByDescending(c => c.TrimStart('…').Length))
        {
            var named = QuestionText.FoldKeepingPositions(cue.TrimStart('…')).Trim();
            var at = named.Length == 0 ? -1 : folded.IndexOf(named, StringComparison.Ordinal);
            if (at < 0) continue;
            var name = Unwrapped(lexicon, cue.StartsWith('…') ? original[..at] : original[(at + named.Length)..]);
            if (name.Length > 0) return name;
        }
        return null;
    }

    /// <summary>A name without the punctuation and stop words around it, as typed.</summary>
    private static string Unwrapped(CompiledLexicon lexicon, string name)
    {
        var stops = lexicon.Source.StopWords.Select(s => QuestionText.FoldKeepingPositions(s).Trim()).Where(s => s.Length > 0)
            .OrderByDescending(s => s.Length).ToList();
        while (true)
        {
            var trimmed = name.Trim().Trim(['?', '!', '.', ',', ';', ':', '"', '\'', '(', ')', '？', '！', '。', '，', '、', '；', '：', '“', '”']);
            var folded = QuestionText.FoldKeepingPositions(trimmed);
            var start = stops.FirstOrDefault(s => folded.StartsWith(s, StringComparison.Ordinal) && s.Length < trimmed.Length);
            var end = stops.FirstOrDefault(s => folded.EndsWith(s, StringComparison.Ordinal) && s.Length < trimmed.Length);
            if (start is not null) name = trimmed[start.Length..];
            else if (end is not null) name = trimmed[..^end.Length];
            else return trimmed;
        }
    }
}
