using System.Globalization;
using VpiBot.Domain;
using VpiBot.Domain.Consultations;
using VpiBot.Features.Shared;
using VpiBot.Resources;

namespace VpiBot.Features.Consultations;

/// <summary>What the "open consultation" form asks for, read and checked.</summary>
public sealed record ConsultationPlan(string Title, IReadOnlyList<string> Questions, DateTimeOffset Deadline, IReadOnlyList<Member> Consulted, bool WholeAlliance);

/// <summary>Reading the "open consultation" form and the answer cards strictly (cards are untrusted input, whatever they allowed).</summary>
public static class ConsultationInput
{
    /// <summary>The questions typed: one a line, blank lines left out.</summary>
    public static IReadOnlyList<string> Lines(string? typed) =>
        (typed ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Length > 0).ToList();

    /// <summary>The cluster's articles offered on the form: those the VPI's instrument has in the cluster under review.</summary>
    public static IReadOnlyList<int> Offered(Vpi vpi) => ClusterArticles.Of(vpi.Instrument, vpi.Cluster);

    public static string ArticleTitle(Instrument instrument, int article, CultureInfo culture) =>
        Text.Get($"Article.{instrument}.{article.ToString(CultureInfo.InvariantCulture)}", culture);

    /// <summary>The question an article chosen on the form becomes.</summary>
    public static string ArticleQuestion(Vpi vpi, int article, CultureInfo culture) =>
        Text.Get("Consultation.ArticleQuestion", culture, article, Labels.Of(vpi.Instrument, culture), ArticleTitle(vpi.Instrument, article, culture));

    /// <summary>Those consulted when none are chosen: every alliance member.</summary>
    public static IReadOnlyList<Member> Alliance(IReadOnlyList<Member> roster) => [.. roster.Where(m => m.Role == VpiRole.Alliance)];

    /// <summary>The consultation the form describes, or every problem named.</summary>
    public static (ConsultationPlan? Plan, List<string> Errors) Read(OpenConsultation f, Vpi vpi, IReadOnlyList<Member> roster, DateTimeOffset now, CultureInfo culture)
    {
        var errors = new List<string>();
        var title = f.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors.Add(Text.Get("ConsultationForm.TitleRequired", culture));
        }
        else if (title.Length > ConsultationRules.MaxTitle)
        {
            errors.Add(Text.Get("ConsultationForm.TitleTooLong", culture, ConsultationRules.MaxTitle, title.Length));
        }
        var offered = Offered(vpi);
        var chosen = MultiSelect.Values(f.Articles)
            .Select(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && offered.Contains(n) ? n : -1).ToList();
        if (chosen.Contains(-1))
        {
            errors.Add(Text.Get("ConsultationForm.ArticleNotOffered", culture));
        }
        var typed = Lines(f.Questions);
        var tooLong = typed.Select((q, i) => (q, i)).Where(x => x.q.Length > ConsultationRules.MaxQuestion).Select(x => (x.i + 1).ToString(culture)).ToList();
        if (tooLong.Count > 0)
        {
            // one line naming them all: 25 questions over the limit make one problem, not 25
            errors.Add(Text.Get("ConsultationForm.QuestionTooLong", culture, string.Join(", ", tooLong), ConsultationRules.MaxQuestion));
        }
        var questions = chosen.Where(n => n > 0).Order().Select(n => ArticleQuestion(vpi, n, culture)).Concat(typed).ToList();
        if (questions.Count == 0)
        {
            errors.Add(Text.Get("ConsultationForm.NoQuestions", culture));
        }
        else if (questions.Count > ConsultationRules.MaxQuestions)
        {
            errors.Add(Text.Get("ConsultationForm.TooManyQuestions", culture, ConsultationRules.MaxQuestions, questions.Count));
        }
        var (deadline, problem) = ConsultationRules.Deadline(f.DeadlineDate, f.DeadlineTime, vpi.TimeZone ?? TimeZones.Utc, now);
        if (problem is { } p)
        {
            errors.Add(Text.Get($"ConsultationForm.Deadline.{p}", culture, ConsultationRules.MinMinutes, ConsultationRules.MaxDays));
        }
        var byId = roster.ToDictionary(m => m.AadObjectId, StringComparer.OrdinalIgnoreCase);
        var picked = MultiSelect.Values(f.Consulted);
        var consulted = new List<Member>();
        foreach (var id in picked)
        {
            if (!byId.TryGetValue(id, out var member))
            {
                errors.Add(Text.Get("ConsultationForm.NotOnRoster", culture));
                break;
            }
            consulted.Add(member);
        }
        var whole = picked.Count == 0;
        if (whole)
        {
            consulted = [.. Alliance(roster)];
            if (consulted.Count == 0)
            {
                errors.Add(Text.Get("ConsultationForm.NoAlliance", culture));
            }
        }
        return errors.Count > 0 ? (null, errors) : (new ConsultationPlan(title, questions, deadline!.Value, consulted, whole), errors);
    }

    /// <summary>
    /// The form as typed, fit to show again: text over a limit cut to it (the error says by how much), choices the form
    /// does not offer dropped, so the card stays within Teams' size; nothing is saved until it is right.
    /// </summary>
    public static OpenConsultation Trim(OpenConsultation f, Vpi vpi, IReadOnlyList<Member> roster) => f with
    {
        Title = FormText.Cut(f.Title, ConsultationRules.MaxTitle),
        Questions = string.Join("\n", Lines(f.Questions).Take(ConsultationRules.MaxQuestions + 5).Select(q => FormText.Cut(q, ConsultationRules.MaxQuestion))),
        Articles = string.Join(",", MultiSelect.Values(f.Articles).Where(a => Offered(vpi).Any(n => n.ToString(CultureInfo.InvariantCulture) == a))),
        Consulted = string.Join(",", MultiSelect.Values(f.Consulted).Where(id => roster.Any(m => string.Equals(m.AadObjectId, id, StringComparison.OrdinalIgnoreCase)))),
        DeadlineDate = f.DeadlineDate is { Length: 10 } ? f.DeadlineDate : null,
        DeadlineTime = f.DeadlineTime is { Length: 5 or 8 } ? f.DeadlineTime : null,
    };

    /// <summary>The answers typed on a page, one per question of the page; or the problems (an answer over the limit, inputs beyond the page).</summary>
    public static (IReadOnlyList<string>? Answers, List<string> Errors) ReadAnswers(SaveConsultationAnswers data, Consultation c, CultureInfo culture)
    {
        var errors = new List<string>();
        if (data.From < 0 || data.Count < 1 || data.Count > ConsultationRules.QuestionsPerPage || data.From + data.Count > c.Questions.Count
            || data.Typed.Skip(data.Count).Any(t => t is not null))
        {
            errors.Add(Text.Get("Refusal.StaleCard", culture));
            return (null, errors);
        }
        var answers = data.Typed.Take(data.Count).Select(t => t ?? "").ToList();
        foreach (var (a, i) in answers.Select((a, i) => (a.Trim(), i)).Where(x => x.Item1.Length > ConsultationRules.MaxAnswer))
        {
            errors.Add(Text.Get("ConsultationAnswer.TooLong", culture, data.From + i + 1, ConsultationRules.MaxAnswer, a.Length));
        }
        return errors.Count > 0 ? (null, errors) : (answers, errors);
    }

}
