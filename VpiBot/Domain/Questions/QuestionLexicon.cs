using VpiBot.Domain.Meetings;

namespace VpiBot.Domain.Questions;

/// <summary>A phrase that speaks for an intent, and how strongly: about 1 weak, 2 medium, 3–4 strong, 5 decisive (an intent needs <see cref="QuestionRecogniser.Threshold"/>).</summary>
public sealed record IntentPhrase(QuestionIntent Intent, string Phrase, double Weight);

/// <summary>A phrase that names a slot value ("next week" → <see cref="Period.NextWeek"/>).</summary>
public sealed record SlotPhrase<T>(string Phrase, T Value) where T : struct;

/// <summary>
/// One language's vocabulary for <see cref="QuestionRecogniser"/>: plain data, no logic.
/// <para>
/// Phrases are written as people type them; they are folded like the question (lower case, accents off, œ→oe,
/// apostrophes and punctuation → spaces, letters and digits split: "R3" → "r 3") and the <see cref="StopWords"/> are
/// dropped from both, so "la feuille de route" and "feuille route" match alike. In a phrase, words separated by spaces
/// must follow each other; parts separated by " + " may come anywhere, in any order ("my + task*": "my roadmap tasks",
/// "tasks that are my own"). A word ending in * matches any word it starts ("approv*": approved, approval).
/// A word of 4–7 letters also matches one typo away (Damerau–Levenshtein 1), of 8+ letters two (the shorter of the
/// typed and the lexicon word decides), when the first letter is right and the typed word is not itself a word of
/// this lexicon ("date" never reads as "late", "rate" neither).
/// </para>
/// <para>
/// To add a language (Arabic, Chinese, Russian…): write a <c>QuestionLexicon.Xx.cs</c> like <see cref="En"/> with the
/// same kinds of entries, try it with the internal <c>QuestionRecogniser.Recognise(text, locale, lexicons)</c> and a
/// labelled set of its own in the tests, then add it to <see cref="All"/>. Nothing else changes: the language of a question is the
/// lexicon that knows most of its words (the Teams locale breaks ties). Folding keeps any script's letters (Cyrillic
/// and Arabic are lower-cased and their marks dropped like Latin accents). A language written without spaces
/// (Chinese) sets <see cref="MatchSubstrings"/>: its phrases are then found as substrings of the question with spaces
/// removed, exactly (no typo tolerance), and an item kind counts when the text just before a number ends with it, or
/// just after it starts with it (past a measure word after 第: "第3条建议"); such a language is counted by the characters
/// its words cover, and an organisation cue written "…" first names the organisation before it ("…的联络人").
/// </para>
/// </summary>
/// <param name="Language">The code the recogniser reports: "en", "fr", "es".</param>
/// <param name="Locales">Teams locales whose prefix means this language ("en" for en-US, en-GB…).</param>
/// <param name="MatchSubstrings">True for a language written without spaces between words.</param>
/// <param name="Intents">Phrases for each intent, with weights.</param>
/// <param name="ItemKinds">Words naming a numbered item, just before its number ("priority", "R", "recommandation").</param>
/// <param name="NumberMarkers">Words between a kind and its number, skipped ("number", "n", "no", "numero").</param>
/// <param name="MeetingKinds">Phrases naming a kind of meeting.</param>
/// <param name="Periods">Phrases naming a period.</param>
/// <param name="Statuses">Phrases naming a priority status; the longest phrase found wins ("to be approved" over "approved").</param>
/// <param name="Roles">Phrases naming a roster role.</param>
/// <param name="Levels">Phrases naming a level of the menu of options.</param>
/// <param name="Features">Phrases naming a feature not built yet.</param>
/// <param name="OrganisationCues">Phrases after which an organisation is named ("represents", "works for"); found as typed (stop words included), a cue speaks for <see cref="QuestionIntent.Organisation"/>.</param>
/// <param name="Articles">Words dropped from the start of an organisation's name ("the", "l'", "la").</param>
/// <param name="StopWords">Words and politeness phrases that carry nothing ("the", "please", "could you tell me").</param>
/// <param name="NumberWords">Numbers in words, from one up ("one", "two"…): read only just after an item kind ("priority nine").</param>
/// <param name="FirstPerson">Words by which the asker speaks of themself ("I", "my", "je", "mis"): a question about oneself is what is waiting for me, not who else has not voted.</param>
/// <param name="Prefixes">Letters glued to the front of a word that are not part of it (Arabic: the article ال, و ف ب ل ك and their
/// combinations such as وال بال لل): a typed word is also read without each of them (when 3 letters or more remain), so a
/// lexicon word written bare ("اجتماع") matches "الاجتماع", "والاجتماع", "للاجتماع" too. Empty for other languages.</param>
public sealed partial record QuestionLexicon(
    string Language,
    IReadOnlyList<string> Locales,
    bool MatchSubstrings,
    IReadOnlyList<IntentPhrase> Intents,
    IReadOnlyList<SlotPhrase<ItemKind>> ItemKinds,
    IReadOnlyList<string> NumberMarkers,
    IReadOnlyList<SlotPhrase<MeetingKind>> MeetingKinds,
    IReadOnlyList<SlotPhrase<Period>> Periods,
    IReadOnlyList<SlotPhrase<PriorityStatus>> Statuses,
    IReadOnlyList<SlotPhrase<VpiRole>> Roles,
    IReadOnlyList<SlotPhrase<CollaborationLevel>> Levels,
    IReadOnlyList<SlotPhrase<BotTool>> Features,
    IReadOnlyList<string> OrganisationCues,
    IReadOnlyList<string> Articles,
    IReadOnlyList<string> StopWords,
    IReadOnlyList<string> NumberWords,
    IReadOnlyList<string> FirstPerson,
    IReadOnlyList<string>? Prefixes = null)
{
    /// <summary>Every language the recogniser reads; the first is the default when nothing decides.</summary>
    public static IReadOnlyList<QuestionLexicon> All => [En, Fr, Es, Ar, Ru, Zh];

    /// <summary>Intent phrases of one weight, written compactly in the lexicons.</summary>
    internal static IEnumerable<IntentPhrase> Say(QuestionIntent intent, double weight, params string[] phrases) =>
        phrases.Select(p => new IntentPhrase(intent, p, weight));

    /// <summary>Slot phrases of one value, written compactly in the lexicons.</summary>
    internal static IEnumerable<SlotPhrase<T>> Name<T>(T value, params string[] phrases) where T : struct =>
        phrases.Select(p => new SlotPhrase<T>(p, value));
}
