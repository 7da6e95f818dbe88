using VpiBot.Domain.Meetings;

namespace VpiBot.Domain.Questions;

/// <summary>
/// A phrase folded and cut into parts: each part a run of words that must follow each other, the parts anywhere.
/// </summary>
internal sealed record Pattern(string[][] Parts)
{
    public int Length => Parts.Sum(p => p.Length);
    public bool IsEmpty => Length == 0;
}

/// <summary>A question's words as one lexicon reads them: stop words dropped; for a substring language, also joined.</summary>
internal sealed record QuestionWords(string[] All, string[] Content, string Joined);

/// <summary>A <see cref="QuestionLexicon"/> folded once: its patterns and the words it knows.</summary>
internal sealed partial class CompiledLexicon
{
    public QuestionLexicon Source { get; }
    public IReadOnlyList<(QuestionIntent Intent, Pattern Pattern, double Weight)> Intents { get; }
    public IReadOnlyList<(Pattern Pattern, ItemKind Value)> ItemKinds { get; }
    public IReadOnlyList<(Pattern Pattern, MeetingKind Value)> MeetingKinds { get; }
    public IReadOnlyList<(Pattern Pattern, Period Value)> Periods { get; }
    public IReadOnlyList<(Pattern Pattern, PriorityStatus Value)> Statuses { get; }
    public IReadOnlyList<(Pattern Pattern, VpiRole Value)> Roles { get; }
    public IReadOnlyList<(Pattern Pattern, CollaborationLevel Value)> Levels { get; }
    public IReadOnlyList<(Pattern Pattern, BotTool Value)> Features { get; }
    private readonly string[][] _stops;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly List<string> _knownPrefixes = [];
    private readonly HashSet<string> _numberMarkers;
    private readonly HashSet<string> _firstPerson;
    private readonly string[] _prefixes;

    public CompiledLexicon(QuestionLexicon source)
    {
        Source = source;
        _stops = source.StopWords.Select(QuestionText.Words).Where(w => w.Length > 0).OrderByDescending(w => w.Length).ToArray();
        _numberMarkers = source.NumberMarkers.SelectMany(QuestionText.Words).ToHashSet(StringComparer.Ordinal);
        _firstPerson = source.FirstPerson.SelectMany(QuestionText.Words).ToHashSet(StringComparer.Ordinal);
        _prefixes = (source.Prefixes ?? []).Select(p => QuestionText.Fold(p).Trim()).Where(p => p.Length > 0).OrderByDescending(p => p.Length).ToArray();
        Intents = source.Intents.Select(p => (p.Intent, Compile(p.Phrase), p.Weight))
            .Where(p => !p.Item2.IsEmpty)
            .ToList();
        ItemKinds = Slots(source.ItemKinds);
        MeetingKinds = Slots(source.MeetingKinds);
        Periods = Slots(source.Periods);
        Statuses = Slots(source.Statuses);
        Roles = Slots(source.Roles);
        Levels = Slots(source.Levels);
        Features = Slots(source.Features);
        foreach (var word in AllPhrases(source).SelectMany(p => p.Split([' ', '+'], StringSplitOptions.RemoveEmptyEntries)))
        {
            if (word.EndsWith('*')) _knownPrefixes.Add(QuestionText.Fold(word[..^1]).Trim());
            else foreach (var w in QuestionText.Words(word)) _known.Add(w);
        }
        foreach (var stop in _stops.SelectMany(s => s)) _known.Add(stop);
    }

    private List<(Pattern, T)> Slots<T>(IReadOnlyList<SlotPhrase<T>> phrases) where T : struct =>
        phrases.Select(p => (Compile(p.Phrase), p.Value)).Where(p => !p.Item1.IsEmpty).ToList();

    private static IEnumerable<string> AllPhrases(QuestionLexicon l) =>
        l.Intents.Select(p => p.Phrase)
            .Concat(l.ItemKinds.Select(p => p.Phrase)).Concat(l.NumberMarkers).Concat(l.MeetingKinds.Select(p => p.Phrase))
            .Concat(l.Periods.Select(p => p.Phrase)).Concat(l.Statuses.Select(p => p.Phrase)).Concat(l.Roles.Select(p => p.Phrase))
            .Concat(l.Levels.Select(p => p.Phrase)).Concat(l.Features.Select(p => p.Phrase)).Concat(l.OrganisationCues);

    /// <summary>A phrase of the lexicon as a pattern: folded, stop words dropped, "+" separating parts, "*" kept.</summary>
    private Pattern Compile(string phrase) =>
        new(phrase.Split('+', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => DropStops(part.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(w => w.EndsWith('*') ? [QuestionText.Fold(w[..^1]).Trim() + "*"] : QuestionText.Words(w))
                .ToArray()))
            .Where(p => p.Length > 0)
            .ToArray());

    /// <summary>The question's words for this lexicon.</summary>
    public QuestionWords Read(string text)
    {
        var all = Source.MatchSubstrings ? QuestionText.Words(DigitsForNumberWords(QuestionText.Fold(text))) : QuestionText.Words(text);
        return new QuestionWords(all, DropStops(all), string.Concat(all));
    }

    private string[] DropStops(string[] words)
    {
        var kept = new List<string>(words.Length);
        for (var i = 0; i < words.Length;)
        {
            var stop = _stops.FirstOrDefault(s => StartsAt(words, i, s));
            if (stop is null) kept.Add(words[i++]);
            else i += stop.Length;
        }
        return kept.ToArray();
    }

    private static bool StartsAt(string[] words, int at, string[] seq)
    {
        if (at + seq.Length > words.Length) return false;
        for (var j = 0; j < seq.Length; j++)
            if (words[at + j] != seq[j]) return false;
        return true;
    }

    public bool IsNumberMarker(string word) => _numberMarkers.Contains(word);

    /// <summary>A number in words ("nine" → 9), or null.</summary>
    public int? NumberWord(string word)
    {
        var i = Source.NumberWords.Select(QuestionText.Fold).ToList().IndexOf(word);
        return i < 0 ? null : i + 1;
    }

    /// <summary>Whether the asker speaks of themself.</summary>
    public bool FirstPerson(QuestionWords q) =>
        Source.MatchSubstrings
            ? Source.FirstPerson.Any(w => q.Joined.Contains(QuestionText.Fold(w).Trim(), StringComparison.Ordinal))
            : q.All.Any(w => _firstPerson.Contains(w) || (_prefixes.Length > 0 && Stems(w).Any(_firstPerson.Contains)));

    /// <summary>Whether the lexicon has this word (or a word it starts with a prefix of): such a word is never read as a typo.</summary>
    public bool Knows(string word) => _prefixes.Length == 0 ? KnowsAsTyped(word) : Stems(word).Any(KnowsAsTyped);

    private bool KnowsAsTyped(string word) =>
        _known.Contains(word) || _knownPrefixes.Any(p => p.Length >= 4 && word.StartsWith(p, StringComparison.Ordinal));

    /// <summary>A typed word, then the same without each of the lexicon's <see cref="QuestionLexicon.Prefixes"/> it starts with (3 letters or more left).</summary>
    private IEnumerable<string> Stems(string typed)
    {
        yield return typed;
        foreach (var prefix in _prefixes)
            if (typed.Length - prefix.Length >= 3 && typed.StartsWith(prefix, StringComparison.Ordinal))
                yield return typed[prefix.Length..];
    }

    /// <summary>How many of the question's words (2 letters or more, not numbers) this language knows; in a substring language, how many characters.</summary>
    public int CountKnown(QuestionWords q) =>
        Source.MatchSubstrings
            ? CountCovered(q.Joined)
            : q.All.Count(w => w.Length > 1 && !QuestionText.IsNumber(w) && Knows(w));

    /// <summary>Where the pattern's first part starts in the question's content words (for the earliest of equal slot phrases).</summary>
    public int Position(QuestionWords q, Pattern p) => Find(q, p.Parts[0]);

    /// <summary>Whether every part of the pattern is in the question's content words.</summary>
    public bool Matches(QuestionWords q, Pattern p) => !p.IsEmpty && p.Parts.All(part => Find(q, part) >= 0);

    /// <summary>Where a run of words starts in the question's content words (−1 if absent; 0 when found in a substring language).</summary>
    public int Find(QuestionWords q, string[] part)
    {
        if (Source.MatchSubstrings)
            return q.Joined.Contains(string.Concat(part.Select(w => w.TrimEnd('*'))), StringComparison.Ordinal) ? 0 : -1;
        for (var i = 0; i + part.Length <= q.Content.Length; i++)
            if (RunAt(q.Content, i, part)) return i;
        return -1;
    }

    /// <summary>Whether the run of words ends at <paramref name="last"/> in <paramref name="words"/>.</summary>
    public bool EndsAt(string[] words, int last, string[] part)
    {
        var start = last - part.Length + 1;
        if (start < 0) return false;
        if (Source.MatchSubstrings)
            return WithoutTrailingMarkers(words[last]).EndsWith(string.Concat(part.Select(w => w.TrimEnd('*'))), StringComparison.Ordinal);
        return RunAt(words, start, part);
    }

    private bool RunAt(string[] words, int at, string[] part)
    {
        for (var j = 0; j < part.Length; j++)
            if (!WordMatches(words[at + j], part[j])) return false;
        return true;
    }

    /// <summary>
    /// A typed word against a lexicon word ("approv*" a prefix), tolerating a typo or two when the typed word is not
    /// itself known and starts with the same letter (people seldom mistype the first letter; "rate" is not "late").
    /// The tolerance goes by the shorter of the two words ("mas" is not a typo of "mias").
    /// </summary>
    public bool WordMatches(string typed, string word)
    {
        if (_prefixes.Length == 0) return StemMatches(typed, word);
        foreach (var stem in Stems(typed))
            if (StemMatches(stem, word)) return true;
        return false;
    }

    private bool StemMatches(string typed, string word)
    {
        if (word.EndsWith('*'))
        {
            var prefix = word[..^1];
            if (typed.StartsWith(prefix, StringComparison.Ordinal)) return true;
            var max = QuestionText.Tolerance(prefix.Length);
            if (prefix.Length < 4 || typed[0] != prefix[0] || QuestionText.IsNumber(typed) || Knows(typed)) return false;
            for (var len = prefix.Length - max; len <= prefix.Length + max; len++)
                if (len <= typed.Length && QuestionText.Distance(typed[..len], prefix, max) <= max) return true;
            return false;
        }
        if (typed == word) return true;
        var tolerance = QuestionText.Tolerance(Math.Min(typed.Length, word.Length));
        return tolerance > 0 && typed[0] == word[0] && !QuestionText.IsNumber(typed) && !Knows(typed) && QuestionText.Distance(typed, word, tolerance) <= tolerance;
    }
}
