using System.Text;

namespace VpiBot.Domain.Consultations;

public enum ConsultationStatus { Open, Closed }

/// <summary>
/// A consultation on the self-assessment questionnaire (concept note §2.B, and paragraph 23 of the Review Mechanism's
/// Procedures and Rules): questions put to the alliance (or to chosen members) until a deadline. <see cref="Consulted"/>
/// are the Entra object ids of those asked, fixed when it opened.
/// </summary>
public sealed record Consultation(
    int Number,
    string Title,
    IReadOnlyList<string> Questions,
    DateTimeOffset Deadline,
    string TimeZone,
    IReadOnlyList<string> Consulted,
    bool WholeAlliance,
    string CreatedBy,
    string CreatedByName,
    DateTimeOffset CreatedAt,
    ConsultationStatus Status = ConsultationStatus.Open,
    DateTimeOffset? ClosedAt = null,
    string? ClosedByName = null)
{
    public bool IsConsulted(string aadObjectId) => Consulted.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether answers may still be saved: open, and before its deadline.</summary>
    public bool TakesAnswers(DateTimeOffset now) => Status == ConsultationStatus.Open && now < Deadline;
}

/// <summary>
/// One consulted person's answers, one per question ("" where none), attributed to their organisation as on the roster
/// when they saved. <see cref="Revision"/> counts the saves.
/// </summary>
public sealed record ConsultationAnswer(
    int Number,
    string AadObjectId,
    string Name,
    string Organisation,
    OrganisationType OrganisationType,
    IReadOnlyList<string> Answers,
    DateTimeOffset SavedAt,
    int Revision)
{
    public bool HasAny => Answers.Any(a => !string.IsNullOrWhiteSpace(a));

    public string For(int question) => question < Answers.Count ? Answers[question] : "";
}

/// <summary>Why an answer cannot be saved.</summary>
public enum AnswerRefusal { NotConsulted, Closed, PastDeadline, CardOutOfDate }

/// <summary>The rules of consultations, pure: limits, the deadline, the reminder, saving and closing, and the paging of long text.</summary>
public static class ConsultationRules
{
    public const int MaxTitle = 200;
    public const int MaxQuestions = 20;
    public const int MaxQuestion = 300;
    public const int MaxAnswer = 4000;
    public const int MaxDays = 120;
    public const int MinMinutes = 30;

    /// <summary>Questions answered on one page of the answer card at most (Teams' 40 KB also bounds a page: <see cref="Pages"/>).</summary>
    public const int QuestionsPerPage = 5;

    /// <summary>
    /// The UTF-8 bytes of typed text a page of a card may carry: Teams refuses messages of 40 KB or more, and a card's
    /// structure, labels and buttons take the rest (a character of typed text costs up to 3 bytes, and JSON escapes).
    /// </summary>
    public const int PageTextBytes = 26 * 1024;

    /// <summary>The reminder comes this long before the deadline; a consultation shorter than twice that is reminded half-way.</summary>
    public static readonly TimeSpan ReminderLead = TimeSpan.FromHours(48);

    /// <summary>
    /// The instant a deadline typed as a date (yyyy-MM-dd) and a time (HH:mm) in <paramref name="zone"/> means, if it is
    /// at least <see cref="MinMinutes"/> ahead and at most <see cref="MaxDays"/> days ahead of <paramref name="now"/>.
    /// </summary>
    public static (DateTimeOffset? Deadline, DeadlineProblem? Problem) Deadline(string? date, string? time, string zone, DateTimeOffset now) =>
        Deadlines.Read(date, time, zone, now, MinMinutes, MaxDays);

    /// <summary>When those who have not answered are reminded: <see cref="ReminderLead"/> before the deadline, or half-way for a short consultation.</summary>
    public static DateTimeOffset ReminderAt(DateTimeOffset opened, DateTimeOffset deadline) =>
        deadline - opened >= ReminderLead * 2 ? deadline - ReminderLead : opened + (deadline - opened) / 2;

    /// <summary>Whether the reminder is due now: its time has come and the consultation still takes answers.</summary>
    public static bool ReminderDue(Consultation c, DateTimeOffset now) => c.TakesAnswers(now) && now >= ReminderAt(c.CreatedAt, c.Deadline);

    /// <summary>Whether the consultation should close now (its deadline passed while it was open).</summary>
    public static bool CloseDue(Consultation c, DateTimeOffset now) => c.Status == ConsultationStatus.Open && now >= c.Deadline;

    /// <summary>Who answered nothing yet, of those consulted.</summary>
    public static IReadOnlyList<string> NotAnswered(Consultation c, IEnumerable<ConsultationAnswer> answers)
    {
        var answered = answers.Where(a => a.HasAny).Select(a => a.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return c.Consulted.Where(id => !answered.Contains(id)).ToList();
    }

    /// <summary>Why <paramref name="aadObjectId"/> may not save answers now; null when they may.</summary>
    public static AnswerRefusal? CanAnswer(Consultation c, string aadObjectId, DateTimeOffset now) =>
        !c.IsConsulted(aadObjectId) ? AnswerRefusal.NotConsulted
        : c.Status == ConsultationStatus.Closed ? AnswerRefusal.Closed
        : now >= c.Deadline ? AnswerRefusal.PastDeadline
        : null;

    /// <summary>
    /// The answers after saving one page: questions <paramref name="from"/>… take <paramref name="typed"/> (trimmed),
    /// the others keep what was saved (so two pages saved at once from two devices both stay).
    /// </summary>
    public static ConsultationAnswer Save(Consultation c, ConsultationAnswer? saved, Member who, int from, IReadOnlyList<string> typed, DateTimeOffset now)
    {
        var answers = Enumerable.Range(0, c.Questions.Count)
            .Select(i => i >= from && i < from + typed.Count ? typed[i - from].Trim() : saved?.For(i) ?? "").ToList();
        return new ConsultationAnswer(c.Number, who.AadObjectId, who.Name, who.Organisation, who.OrganisationType, answers, now, (saved?.Revision ?? 0) + 1);
    }

    /// <summary>The consultation closed by <paramref name="byName"/> (the deadline's round passes null: closed at the deadline).</summary>
    public static Consultation? Close(Consultation c, string? byName, DateTimeOffset now) =>
        c.Status == ConsultationStatus.Closed ? null
        : c with { Status = ConsultationStatus.Closed, ClosedAt = byName is null && now > c.Deadline ? c.Deadline : now, ClosedByName = byName };

    /// <summary>
    /// Items of a long list split into pages (first item, count), in order: at most <paramref name="perPage"/> items and
    /// <paramref name="budget"/> bytes a page, but always at least one item (an item alone is within the budget by the limits).
    /// </summary>
    public static IReadOnlyList<(int From, int Count)> Pages(IReadOnlyList<int> bytes, int perPage, int budget = PageTextBytes)
    {
        var pages = new List<(int, int)>();
        var from = 0;
        while (from < bytes.Count)
        {
            var count = 0;
            var used = 0;
            while (from + count < bytes.Count && count < perPage && (count == 0 || used + bytes[from + count] <= budget))
            {
                used += bytes[from + count];
                count++;
            }
            pages.Add((from, count));
            from += count;
        }
        return pages.Count == 0 ? [(0, 0)] : pages;
    }

    /// <summary>What a text costs on a card: its UTF-8 bytes, with room for JSON's escapes of quotes and line breaks.</summary>
    public static int CardBytes(string text) => Encoding.UTF8.GetByteCount(text) + text.Count(ch => ch is '"' or '\\' or '\n' or '\r' or '\t');

    /// <summary>The pages of a person's answer card: each question with the answer saved (or typed) for it.</summary>
    public static IReadOnlyList<(int From, int Count)> AnswerPages(Consultation c, Func<int, string> answer) =>
        Pages([.. Enumerable.Range(0, c.Questions.Count).Select(i => CardBytes(c.Questions[i]) + CardBytes(answer(i)))], QuestionsPerPage);

    /// <summary>The page (0-based) of <paramref name="pages"/> that holds question <paramref name="question"/>.</summary>
    public static int PageOf(IReadOnlyList<(int From, int Count)> pages, int question)
    {
        for (var p = 0; p < pages.Count; p++)
        {
            if (question < pages[p].From + pages[p].Count)
            {
                return p;
            }
        }
        return pages.Count - 1;
    }

    /// <summary>The annex entry of a consultation: each question with the non-empty inputs saved by its close, by organisation.</summary>
    public static ConsultationAnnex Annex(Consultation c, IEnumerable<ConsultationAnswer> answers)
    {
        var counted = Counted(c, answers)
            .OrderBy(a => a.Organisation, StringComparer.Ordinal).ThenBy(a => a.AadObjectId, StringComparer.Ordinal).ToList();
        return new ConsultationAnnex(c.Number, c.Title, c.Deadline, c.ClosedAt,
            [.. c.Questions.Select((q, i) => new AnnexQuestion(q,
                [.. counted.Where(a => !string.IsNullOrWhiteSpace(a.For(i))).Select(a => new AnnexInput(a.Organisation, a.OrganisationType, a.For(i)))]))]);
    }

    /// <summary>
    /// The answers that count: all while open; once closed, those saved by the close (a save that raced a facilitator's
    /// early close is not an input).
    /// </summary>
    public static IEnumerable<ConsultationAnswer> Counted(Consultation c, IEnumerable<ConsultationAnswer> answers) =>
        answers.Where(a => c.ClosedAt is not { } closed || a.SavedAt <= closed);

    /// <summary>How many inputs (non-empty answers) were given, and by how many organisations.</summary>
    public static (int Inputs, int Organisations) Count(IEnumerable<ConsultationAnswer> answers)
    {
        var given = answers.Where(a => a.HasAny).ToList();
        return (given.Sum(a => a.Answers.Count(x => !string.IsNullOrWhiteSpace(x))),
            given.Select(a => a.Organisation.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
