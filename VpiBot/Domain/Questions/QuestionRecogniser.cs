using VpiBot.Domain.Meetings;

namespace VpiBot.Domain.Questions;

/// <summary>
/// Reads a plain-language question (English, French, Spanish, Arabic, Russian) into an intent and its slots, deterministically, with
/// no I/O. The vocabulary is data (<see cref="QuestionLexicon"/>); this class only weighs it:
/// <list type="number">
/// <item>The language is the lexicon that knows most of the question's words; the Teams locale breaks ties.</item>
/// <item>Each intent scores the weights of its phrases found in the question (typos, accents and word order tolerated).</item>
/// <item>Slots found add to the intents that use them (<see cref="Boost"/>): "R3" to the vote result, "priority 4"
/// to that priority, "next week" to what is due.</item>
/// <item>The general status counts half when the question names a topic (the roadmap, a priority, a vote, a meeting).</item>
/// <item>A question in the first person ("I", "my") leans to what is waiting for me, away from who has not voted.</item>
/// <item>The best intent under <see cref="Threshold"/> is <see cref="QuestionIntent.Unknown"/>; an intent keeps only
/// the slots it uses (<see cref="SlotsFor"/>).</item>
/// </list>
/// Only the first <see cref="MaxLength"/> characters are read: a question is short, and a pasted document is not one.
/// </summary>
public static partial class QuestionRecogniser
{
    /// <summary>The least score an intent needs to be understood.</summary>
    public const double Threshold = 2.5;

    /// <summary>How much of a text is read.</summary>
    public const int MaxLength = 400;

    private static readonly IReadOnlyList<CompiledLexicon> Lexicons = QuestionLexicon.All.Select(l => new CompiledLexicon(l)).ToList();

    /// <summary>
    /// Intents about one thing of the VPI: when a question names one ("how are we doing on the roadmap"), the general
    /// "how are we doing" is about that thing, and <see cref="QuestionIntent.Status"/> counts half.
    /// </summary>
    private static readonly QuestionIntent[] Topics =
    [
        QuestionIntent.Roadmap, QuestionIntent.Priorities, QuestionIntent.Priority, QuestionIntent.OpenVotes, QuestionIntent.VoteResult,
        QuestionIntent.NextMeeting, QuestionIntent.MeetingAttendees, QuestionIntent.Menu,
    ];

    private static readonly QuestionIntent[] Intents = Enum.GetValues<QuestionIntent>().Where(i => i != QuestionIntent.Unknown).ToArray();

    /// <summary>locale: the Teams locale of the asker ("en-US", "fr-FR", "es-ES", or null); a hint only — the text's own language wins when clear.</summary>
    public static Recognised Recognise(string text, string? locale) => Recognise(text, locale, Lexicons);

    /// <summary>The same with other lexicons: for trying a new language before it joins <see cref="QuestionLexicon.All"/>.</summary>
    internal static Recognised Recognise(string text, string? locale, IReadOnlyList<QuestionLexicon> lexicons) =>
        Recognise(text, locale, lexicons.Select(l => new CompiledLexicon(l)).ToList());

    private static Recognised Recognise(string text, string? locale, IReadOnlyList<CompiledLexicon> lexicons)
    {
        var (lexicon, words, original) = Read(text, locale, lexicons);
        var slots = FindSlots(lexicon, words, original);
        var scores = Score(lexicon, words, slots);
        var ranked = scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).ToList();
        var (best, bestScore) = ranked[0];
        var second = ranked.Count > 1 ? ranked[1].Value : 0;
        if (bestScore < Threshold)
            return new Recognised(QuestionIntent.Unknown, new QuestionSlots(), Math.Round(bestScore / Threshold / 2, 2), lexicon.Source.Language);
        return new Recognised(best, SlotsFor(best, slots), Confidence(bestScore, second), lexicon.Source.Language);
    }

    /// <summary>The n intents nearest to the text (best first, never Unknown), for "did you mean" buttons when not understood.</summary>
    public static IReadOnlyList<QuestionIntent> Nearest(string text, string? locale, int n = 3)
    {
        var (lexicon, words, original) = Read(text, locale, Lexicons);
        var scores = Score(lexicon, words, FindSlots(lexicon, words, original));
        foreach (var (intent, pattern, weight) in lexicon.Intents)
            scores[intent] += weight * PartlyFound(lexicon, words, pattern) / 2;
        return Intents.OrderByDescending(i => scores[i]).ThenBy(i => i).Take(Math.Clamp(n, 0, Intents.Length)).ToList();
    }

    /// <summary>Every intent's score for a text, for the tests to show why a question was misread.</summary>
    internal static IReadOnlyDictionary<QuestionIntent, double> Scores(string text, string? locale)
    {
        var (lexicon, words, original) = Read(text, locale, Lexicons);
        return Score(lexicon, words, FindSlots(lexicon, words, original));
    }

    private static (CompiledLexicon Lexicon, QuestionWords Words, string Original) Read(string? text, string? locale, IReadOnlyList<CompiledLexicon> lexicons)
    {
        var original = text ?? "";
        if (original.Length > MaxLength) original = original[..MaxLength];
        var lexicon = LanguageOf(original, locale, lexicons);
        return (lexicon, lexicon.Read(original), original);
    }

    /// <summary>The lexicon that knows most of the words; a tie goes to the locale's language, then to the first lexicon.</summary>
    private static CompiledLexicon LanguageOf(string text, string? locale, IReadOnlyList<CompiledLexicon> lexicons)
    {
        var hinted = locale is null ? null : lexicons.FirstOrDefault(l => l.Source.Locales.Any(p => locale.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
        return lexicons
            .Select((l, order) => (Lexicon: l, Known: l.CountKnown(l.Read(text)), Hinted: l == hinted, Order: order))
            .OrderByDescending(x => x.Known).ThenByDescending(x => x.Hinted).ThenBy(x => x.Order)
            .First().Lexicon;
    }

    private static Dictionary<QuestionIntent, double> Score(CompiledLexicon lexicon, QuestionWords words, QuestionSlots slots)
    {
        var scores = Intents.ToDictionary(i => i, _ => 0.0);
        foreach (var (intent, pattern, weight) in lexicon.Intents)
            if (lexicon.Matches(words, pattern)) scores[intent] += weight;
        Boost(scores, slots);
        if (Topics.Any(t => scores[t] >= 3)) scores[QuestionIntent.Status] /= 2;
        if (lexicon.FirstPerson(words))
        {
            scores[QuestionIntent.WaitingForMe] += 1.5;
            scores[QuestionIntent.NotVoted] -= 2;
        }
        return scores;
    }

    /// <summary>What the slots found say about the intent.</summary>
    private static void Boost(Dictionary<QuestionIntent, double> scores, QuestionSlots slots)
    {
        switch (slots.NumberKind)
        {
            case ItemKind.Priority: scores[QuestionIntent.Priority] += 5; break;
            case ItemKind.Recommendation: scores[QuestionIntent.VoteResult] += 2.5; scores[QuestionIntent.NotVoted] += 1; break;
            case ItemKind.Task: scores[QuestionIntent.Roadmap] += 3; break;
            case ItemKind.Meeting: scores[QuestionIntent.MeetingAttendees] += 2; scores[QuestionIntent.NextMeeting] += 1; break;
        }
        if (slots.PriorityStatus is not null) scores[StatusOf(slots.NumberKind)] += 2.5;
        if (slots.MeetingKind is not null) { scores[QuestionIntent.NextMeeting] += 2; scores[QuestionIntent.MeetingAttendees] += 1; }
        if (slots.Period is not null) { scores[QuestionIntent.DueSoon] += 1; scores[QuestionIntent.NextMeeting] += 0.5; }
        if (slots.Role is not null) scores[QuestionIntent.Members] += 3;
        if (slots.Level is not null) scores[QuestionIntent.Menu] += 2;
        if (slots.Feature is not null) scores[QuestionIntent.Tools] += 4;
        if (slots.Text is not null) scores[QuestionIntent.Organisation] += 6;
    }

    /// <summary>Whose status "approved", "rejected" names: the numbered priority, the numbered recommendation's vote, or the priorities.</summary>
    private static QuestionIntent StatusOf(ItemKind? kind) => kind switch
    {
        ItemKind.Priority => QuestionIntent.Priority,
        ItemKind.Recommendation => QuestionIntent.VoteResult,
        _ => QuestionIntent.Priorities,
    };

    /// <summary>The slots an intent uses; the others, found in passing, are dropped ("has priority 7 been approved" names no status).</summary>
    private static QuestionSlots SlotsFor(QuestionIntent intent, QuestionSlots s) => intent switch
    {
        QuestionIntent.Priorities => new(PriorityStatus: s.PriorityStatus),
        QuestionIntent.Priority or QuestionIntent.VoteResult or QuestionIntent.NotVoted or QuestionIntent.Roadmap =>
            new(Number: s.Number, NumberKind: s.NumberKind),
        QuestionIntent.WaitingForMe or QuestionIntent.DueSoon or QuestionIntent.MyTasks or QuestionIntent.Overdue => new(Period: s.Period),
        QuestionIntent.NextMeeting => new(MeetingKind: s.MeetingKind, Period: s.Period,
            Number: s.NumberKind == ItemKind.Meeting ? s.Number : null, NumberKind: s.NumberKind == ItemKind.Meeting ? s.NumberKind : null),
        QuestionIntent.MeetingAttendees => new(MeetingKind: s.MeetingKind, Period: s.Period,
            Number: s.NumberKind == ItemKind.Meeting ? s.Number : null, NumberKind: s.NumberKind == ItemKind.Meeting ? s.NumberKind : null),
        QuestionIntent.Members => new(Role: s.Role),
        QuestionIntent.Organisation => new(Text: s.Text),
        QuestionIntent.Menu => new(Level: s.Level),
        QuestionIntent.Tools => new(Feature: s.Feature),
        _ => new(),
    };

    /// <summary>0.5 at the threshold, nearer 1 the higher the score and the further ahead of the runner-up.</summary>
    private static double Confidence(double best, double second)
    {
        var strength = Math.Min(1, best / (2 * Threshold));
        var margin = (best - second) / best;
        return Math.Round(Math.Clamp(0.5 + 0.5 * strength * (0.5 + 0.5 * margin), 0, 1), 2);
    }

    /// <summary>The share of a pattern's words found anywhere in the question (for <see cref="Nearest"/>).</summary>
    private static double PartlyFound(CompiledLexicon lexicon, QuestionWords words, Pattern pattern)
    {
        var all = pattern.Parts.SelectMany(p => p).ToList();
        return all.Count == 0 ? 0 : (double)all.Count(w => lexicon.Find(words, [w]) >= 0) / all.Count;
    }

    private static QuestionSlots FindSlots(CompiledLexicon lexicon, QuestionWords words, string original)
    {
        var (number, kind) = FindNumber(lexicon, words);
        return new QuestionSlots(
            Number: number,
            NumberKind: kind,
            MeetingKind: Longest(lexicon, words, lexicon.MeetingKinds),
            Period: Longest(lexicon, words, lexicon.Periods),
            PriorityStatus: Longest(lexicon, words, lexicon.Statuses),
            Role: Longest(lexicon, words, lexicon.Roles),
            Level: Longest(lexicon, words, lexicon.Levels),
            Feature: Longest(lexicon, words, lexicon.Features),
            Text: OrganisationIn(lexicon, original));
    }

    /// <summary>The value of the longest phrase found, the earliest in the question among equals: "next week" over "week", "medium … minimum" medium.</summary>
    private static T? Longest<T>(CompiledLexicon lexicon, QuestionWords words, IReadOnlyList<(Pattern Pattern, T Value)> phrases) where T : struct
    {
        T? best = null;
        var (bestLength, bestAt) = (0, int.MaxValue);
        foreach (var (pattern, value) in phrases)
        {
            var size = lexicon.Size(pattern);
            if (size < bestLength || !lexicon.Matches(words, pattern)) continue;
            var at = lexicon.Position(words, pattern);
            if (size > bestLength || at < bestAt)
                (best, bestLength, bestAt) = (value, size, at);
        }
        return best;
    }

    /// <summary>
    /// The first number (1–999, or in words just after a kind) of the question, and the kind of item the words just
    /// before it name ("R3", "priority n° 4", "priority nine"); a number with no kind next to it takes the one kind
    /// the question names in full, if it names only one ("the priority on cybercrime, number 5").
    /// </summary>
    private static (int? Number, ItemKind? Kind) FindNumber(CompiledLexicon lexicon, QuestionWords words)
    {
        var w = words.Content;
        int? loose = null;
        for (var i = 0; i < w.Length; i++)
        {
            var digits = QuestionText.IsNumber(w[i]) && w[i].Length <= 3 && int.TryParse(w[i], out var d) && d >= 1 ? d : (int?)null;
            var inWords = lexicon.NumberWord(w[i]);
            if (digits is null && inWords is null) continue;
            var before = i - 1;
            while (before >= 0 && lexicon.IsNumberMarker(w[before])) before--;
            var kind = (before < 0 ? null : KindEndingAt(lexicon, w, before)) ?? lexicon.KindAfter(w, i);
            if (kind is not null) return (digits ?? inWords, kind);
            if (!lexicon.IsCount(w, i)) loose ??= digits;
        }
        return loose is null ? (null, null) : (loose, OnlyKindNamed(lexicon, words));
    }

    private static ItemKind? OnlyKindNamed(CompiledLexicon lexicon, QuestionWords words)
    {
        var named = lexicon.ItemKinds
            .Where(k => k.Pattern.Parts[^1][^1].TrimEnd('*').Length >= (lexicon.Source.MatchSubstrings ? 2 : 3) && lexicon.Matches(words, k.Pattern))
            .Select(k => k.Value).Distinct().ToList();
        return named.Count == 1 ? named[0] : null;
    }

    private static ItemKind? KindEndingAt(CompiledLexicon lexicon, string[] words, int last)
    {
        foreach (var (pattern, kind) in lexicon.ItemKinds)
            if (lexicon.EndsAt(words, last, pattern.Parts[^1])) return kind;
        return null;
    }

    /// <summary>The organisation as typed after a cue ("who represents the University of Ghana?" → "University of Ghana").</summary>
    private static string? OrganisationIn(CompiledLexicon lexicon, string original)
    {
        original = QuestionText.WithoutTashkeel(original);
        if (lexicon.Source.MatchSubstrings) return OrganisationInSubstrings(lexicon, original);
        var folded = QuestionText.FoldKeepingPositions(original);
        foreach (var cue in lexicon.Source.OrganisationCues.OrderByDescending(c => c.Length))
        {
            var at = IndexOfWords(folded, QuestionText.FoldKeepingPositions(cue));
            if (at < 0) continue;
            var name = StripEnd(lexicon, StripArticle(lexicon, original[(at + cue.Length)..].Trim()));
            return name.Length == 0 ? null : name;
        }
        return null;
    }

    /// <summary>Where a run of words starts in a text, on word boundaries (−1 if absent).</summary>
    private static int IndexOfWords(string text, string words)
    {
        for (var at = text.IndexOf(words, StringComparison.Ordinal); at >= 0; at = text.IndexOf(words, at + 1, StringComparison.Ordinal))
        {
            var startOk = at == 0 || text[at - 1] == ' ';
            var end = at + words.Length;
            if (startOk && (end == text.Length || text[end] == ' ')) return at;
        }
        return -1;
    }

    private static string StripArticle(CompiledLexicon lexicon, string name)
    {
        foreach (var article in lexicon.Source.Articles)
        {
            var glued = article.EndsWith('\'') || article.EndsWith('’');
            if (name.Length > article.Length && name.StartsWith(article, StringComparison.OrdinalIgnoreCase) && (glued || name[article.Length] == ' '))
                return name[article.Length..].Trim();
        }
        return name;
    }

    /// <summary>Drops trailing punctuation and politeness ("…Ghana, please?").</summary>
    private static string StripEnd(CompiledLexicon lexicon, string name)
    {
        var trimmed = name.TrimEnd(' ', '?', '!', '.', ',', ';', ':', '¿', '¡', '"', '\'', ')', '؟', '،', '»');
        var folded = QuestionText.FoldKeepingPositions(trimmed);
        foreach (var stop in lexicon.Source.StopWords.Where(s => s.Length > 2))
        {
            var f = QuestionText.FoldKeepingPositions(stop);
            if (folded.EndsWith(" " + f, StringComparison.Ordinal))
                return StripEnd(lexicon, trimmed[..^f.Length]);
        }
        return trimmed;
    }
}
