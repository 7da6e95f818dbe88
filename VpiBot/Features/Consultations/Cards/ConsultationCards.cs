using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Domain.Consultations;
using VpiBot.Features.Shared;
using VpiBot.Features.Shared.Cards;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Consultations.Cards;

/// <summary>Pieces every consultation card shares. Titles, questions, answers and organisations are typed by people: shown as text runs, never markdown.</summary>
internal static class ConsultationParts
{
    public static string Label(int number, CultureInfo culture) => Text.Get("Consultation.Label", culture, number);

    public static JsonObject Heading(Consultation c, CultureInfo culture) => UserText(Text.Get("Consultation.Heading", culture, Label(c.Number, culture), c.Title), title: true);

    /// <summary>
    /// The deadline in each viewer's own time zone and language (Teams formats <c>{{DATE()}}</c> and <c>{{TIME()}}</c> on
    /// the device), then in the VPI's zone, as chosen.
    /// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format#date-and-time-formatting
    /// </summary>
    public static JsonObject Deadline(Consultation c, CultureInfo culture)
    {
        if (c.Status == ConsultationStatus.Closed)
        {
            return Paragraph(Text.Get("Consultation.ClosedOn", culture, DeviceDateTime(c.ClosedAt ?? c.Deadline)));
        }
        var (date, time) = TimeZones.ToLocal(c.Deadline, c.TimeZone);
        return Paragraph(Text.Get("Consultation.Deadline", culture, DeviceDate(c.Deadline), DeviceTime(c.Deadline),
            date.ToString("d MMM yyyy", culture) + " " + time.ToString("HH:mm", culture), c.TimeZone));
    }

    public static string Status(Consultation c, CultureInfo culture) => Text.Get($"ConsultationStatus.{c.Status}", culture);

    public static JsonObject Question(int index, string text, CultureInfo culture) =>
        Bold(UserText(Text.Get("Consultation.Question", culture, index + 1, text)));

    private static JsonObject Bold(JsonObject richText)
    {
        richText["inlines"]![0]!["weight"] = "Bolder";
        return richText;
    }

    /// <summary>"Page 2 of 4" and the way to the others, for a card paged by <see cref="ConsultationRules.Pages"/>.</summary>
    public static JsonObject? PageLine(int page, int pages, CultureInfo culture) =>
        pages > 1 ? Paragraph(Text.Get("Consultation.Page", culture, page, pages)) : null;
}

/// <summary>"open consultation": the form, prefilled or as typed, with what is wrong with it.</summary>
public static class ConsultationFormCard
{
    /// <summary>Members offered at most (the ones chosen first), so the form stays within 40 KB.</summary>
    public const int MaxMemberChoices = 60;

    public static JsonObject Build(Vpi vpi, IReadOnlyList<Member> roster, OpenConsultation typed, CultureInfo culture, IReadOnlyList<string>? errors = null)
    {
        var zone = vpi.TimeZone ?? TimeZones.Utc;
        var articles = ConsultationInput.Offered(vpi);
        var chosen = MultiSelect.Values(typed.Consulted).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var people = roster.OrderByDescending(m => chosen.Contains(m.AadObjectId)).ThenBy(m => m.Name, StringComparer.Create(culture, true))
            .Take(MaxMemberChoices).OrderBy(m => m.Name, StringComparer.Create(culture, true)).ToList();
        var articleInput = Optional(ChoiceInput("articles", Text.Get("ConsultationForm.Articles", culture, Labels.Of(vpi.Instrument, culture), Labels.Of(vpi.Cluster, culture)),
            articles.Select(n => Choice(Shorten(Text.Get("Consultation.ArticleChoice", culture, n, ConsultationInput.ArticleTitle(vpi.Instrument, n, culture)), 120),
                n.ToString(CultureInfo.InvariantCulture))),
            typed.Articles is { Length: > 0 } a ? a : null, expanded: true));
        articleInput["isMultiSelect"] = true;
        var consulted = Optional(ChoiceInput("consulted", Text.Get("ConsultationForm.Consulted", culture),
            people.Select(m => Choice(Shorten(Text.Get("ConsultationForm.Person", culture, m.Name, m.Organisation, Labels.RoleName(m.Role, culture)), 60), m.AadObjectId)),
            typed.Consulted is { Length: > 0 } c ? c : null, filtered: true));
        consulted["isMultiSelect"] = true;
        return Card(
            [
                Heading(Text.Get("ConsultationForm.Title", culture)),
                Paragraph(Text.Get("ConsultationForm.Intro", culture)),
                errors is { Count: > 0 } ? Problems(errors) : null,
                TextInput("title", Text.Get("ConsultationForm.Label.Title", culture, ConsultationRules.MaxTitle), typed.Title, ConsultationRules.MaxTitle,
                    Text.Get("ConsultationForm.TitleRequired", culture)),
                articleInput,
                Optional(MultilineInput("questions", Text.Get("ConsultationForm.Label.Questions", culture, ConsultationRules.MaxQuestions, ConsultationRules.MaxQuestion),
                    typed.Questions, ConsultationRules.MaxQuestions * (ConsultationRules.MaxQuestion + 1))),
                new JsonObject
                {
                    ["type"] = "Input.Date", ["id"] = "deadlineDate", ["label"] = Text.Get("ConsultationForm.DeadlineDate", culture, zone),
                    ["isRequired"] = true, ["errorMessage"] = Text.Get("ConsultationForm.Deadline.BadDate", culture), ["value"] = typed.DeadlineDate,
                },
                new JsonObject
                {
                    ["type"] = "Input.Time", ["id"] = "deadlineTime", ["label"] = Text.Get("ConsultationForm.DeadlineTime", culture, zone),
                    ["isRequired"] = true, ["errorMessage"] = Text.Get("ConsultationForm.Deadline.BadTime", culture), ["value"] = typed.DeadlineTime ?? "17:00",
                },
                consulted,
                roster.Count > MaxMemberChoices ? Paragraph(Text.Get("ConsultationForm.MembersCut", culture, MaxMemberChoices, roster.Count)) : null,
            ],
            [Execute(Text.Get("ConsultationForm.Open", culture), new OpenConsultation(vpi.Id))]);
    }
}

/// <summary>
/// A consultation as everyone may see it: title, deadline, the questions, who is consulted and how many answered; a
/// button to open it (the caller's own answers, or the inputs for the review team and facilitators).
/// </summary>
public static class ConsultationCard
{
    /// <summary>Questions listed on the summary at most, each shortened: the full text is on the answer and input cards.</summary>
    private const int QuestionShown = 200;

    public static JsonObject Build(Vpi vpi, Consultation c, int answered, CultureInfo culture, string? notice = null, bool posted = false) => Card(
        [
            notice is null ? null : Notice(notice),
            ConsultationParts.Heading(c, culture),
            Paragraph(Text.Get(posted ? "Consultation.Announced" : "Consultation.About", culture)),
            Facts(
            [
                (Text.Get("Consultation.StatusLabel", culture), ConsultationParts.Status(c, culture)),
                (Text.Get("Consultation.ConsultedLabel", culture), Text.Get(c.WholeAlliance ? "Consultation.ConsultedAlliance" : "Consultation.ConsultedChosen", culture, c.Consulted.Count)),
                (Text.Get("Consultation.AnsweredLabel", culture), Text.Get("Consultation.Answered", culture, answered, c.Consulted.Count)),
            ]),
            ConsultationParts.Deadline(c, culture),
            .. c.Questions.Select((q, i) => UserText(Text.Get("Consultation.Question", culture, i + 1, Shorten(q, QuestionShown)))),
        ],
        [Execute(Text.Get("Consultation.Open", culture, ConsultationParts.Label(c.Number, culture)), new ViewConsultation(vpi.Id, c.Number))]);
}

/// <summary>
/// A consulted person's answer card: one multi-line input a question, prefilled with what they saved, a page of
/// questions at a time (at most five, and as many as fit Teams' 40 KB with the longest answers); Save keeps the page,
/// and moving to another page saves this one first, so nothing typed is lost. Closed or past its deadline, the
/// answers are shown as text.
/// </summary>
public static class ConsultationAnswerCard
{
    public static JsonObject Build(Vpi vpi, Consultation c, ConsultationAnswer? saved, int page, DateTimeOffset now, CultureInfo culture, string? notice = null,
        IReadOnlyList<string>? problems = null)
    {
        var pages = ConsultationRules.AnswerPages(c, i => saved?.For(i) ?? "");
        var index = Math.Clamp(page - 1, 0, pages.Count - 1);
        var (from, count) = pages[index];
        var open = c.TakesAnswers(now);
        var body = new List<JsonNode?>
        {
            notice is null ? null : Notice(notice),
            ConsultationParts.Heading(c, culture),
            Paragraph(Text.Get(open ? "ConsultationAnswer.Intro" : "ConsultationAnswer.Closed", culture)),
            ConsultationParts.Deadline(c, culture),
            saved is null ? null : Paragraph(Text.Get("ConsultationAnswer.SavedAt", culture, DeviceDateTime(saved.SavedAt))),
            problems is { Count: > 0 } ? Problems(problems) : null,
            ConsultationParts.PageLine(index + 1, pages.Count, culture),
        };
        for (var i = from; i < from + count; i++)
        {
            var answer = saved?.For(i) ?? "";
            body.Add(ConsultationParts.Question(i, c.Questions[i], culture));
            body.Add(open
                ? Optional(MultilineInput(SaveConsultationAnswers.InputId(i - from), Text.Get("ConsultationAnswer.Label", culture, i + 1, ConsultationRules.MaxAnswer),
                    answer.Length == 0 ? null : answer, ConsultationRules.MaxAnswer))
                : UserText(answer.Length == 0 ? Text.Get("ConsultationAnswer.None", culture) : answer, subtle: answer.Length == 0));
        }
        var actions = new List<JsonNode>();
        var revision = saved?.Revision ?? 0;
        if (open)
        {
            actions.Add(Execute(Text.Get("ConsultationAnswer.Save", culture), new SaveConsultationAnswers(vpi.Id, c.Number, from, count, 0, revision)));
            if (index + 1 < pages.Count)
            {
                actions.Add(Execute(Text.Get("ConsultationAnswer.SaveNext", culture), new SaveConsultationAnswers(vpi.Id, c.Number, from, count, 1, revision), primary: false));
            }
            if (index > 0)
            {
                actions.Add(Execute(Text.Get("ConsultationAnswer.SaveBack", culture), new SaveConsultationAnswers(vpi.Id, c.Number, from, count, -1, revision), primary: false));
            }
        }
        else
        {
            if (index + 1 < pages.Count)
            {
                actions.Add(Execute(Text.Get("List.Next", culture), new ViewConsultation(vpi.Id, c.Number, index + 2, Own: true), primary: false));
            }
            if (index > 0)
            {
                actions.Add(Execute(Text.Get("List.Previous", culture), new ViewConsultation(vpi.Id, c.Number, index, Own: true), primary: false));
            }
        }
        return Card(body, actions);
    }
}

/// <summary>
/// What the review team and facilitators read: each question with the inputs given, each under the organisation (and
/// its type) that gave it; paged so that no page comes near Teams' 40 KB, however long the answers.
/// </summary>
public static class ConsultationInputsCard
{
    /// <summary>Inputs on a page at most.</summary>
    public const int InputsPerPage = 12;

    /// <summary>One entry of the view: a question (with no input: "no input yet"), or one input to it.</summary>
    private sealed record Entry(int Question, ConsultationAnswer? From);

    public static JsonObject Build(Vpi vpi, Consultation c, IReadOnlyList<ConsultationAnswer> answers, int page, CultureInfo culture)
    {
        var ordered = answers.OrderBy(a => a.Organisation, StringComparer.Create(culture, true)).ThenBy(a => a.AadObjectId, StringComparer.Ordinal).ToList();
        var entries = new List<Entry>();
        for (var q = 0; q < c.Questions.Count; q++)
        {
            var given = ordered.Where(a => !string.IsNullOrWhiteSpace(a.For(q))).ToList();
            entries.AddRange(given.Count == 0 ? [new Entry(q, null)] : given.Select(a => new Entry(q, a)));
        }
        var pages = ConsultationRules.Pages([.. entries.Select(e => ConsultationRules.CardBytes(c.Questions[e.Question])
            + (e.From is { } a ? ConsultationRules.CardBytes(a.For(e.Question)) + ConsultationRules.CardBytes(a.Organisation) : 0))], InputsPerPage);
        var index = Math.Clamp(page - 1, 0, pages.Count - 1);
        var (from, count) = pages[index];
        var (inputs, organisations) = ConsultationRules.Count(answers);
        var body = new List<JsonNode?>
        {
            ConsultationParts.Heading(c, culture),
            ConsultationParts.Deadline(c, culture),
            Paragraph(Text.Get("ConsultationInputs.Summary", culture, inputs, organisations, answers.Count(a => a.HasAny), c.Consulted.Count)),
            ConsultationParts.PageLine(index + 1, pages.Count, culture),
        };
        var shownQuestion = -1;
        foreach (var e in entries.Skip(from).Take(count))
        {
            if (e.Question != shownQuestion)
            {
                body.Add(ConsultationParts.Question(e.Question, c.Questions[e.Question], culture));
                shownQuestion = e.Question;
            }
            if (e.From is not { } a)
            {
                body.Add(Paragraph(Text.Get("ConsultationInputs.NoInput", culture)));
                continue;
            }
            body.Add(new JsonObject
            {
                ["type"] = "Container", ["separator"] = true,
                ["items"] = new JsonArray(
                    UserText(Text.Get("ConsultationInputs.From", culture, a.Organisation, Labels.Of(a.OrganisationType, culture)), subtle: true),
                    UserText(a.For(e.Question))),
            });
        }
        var actions = new List<JsonNode>();
        if (index + 1 < pages.Count)
        {
            actions.Add(Execute(Text.Get("List.Next", culture), new ViewConsultation(vpi.Id, c.Number, index + 2), primary: false));
        }
        if (index > 0)
        {
            actions.Add(Execute(Text.Get("List.Previous", culture), new ViewConsultation(vpi.Id, c.Number, index), primary: false));
        }
        return Card(body, actions);
    }
}

/// <summary>"consultations": newest first, each with its status, deadline and how many answered; paged.</summary>
public static class ConsultationListCard
{
    public const int PageSize = 10;

    public static JsonObject Build(Vpi vpi, IReadOnlyList<(Consultation Consultation, int Answered)> all, int page, CultureInfo culture)
    {
        var paging = Paging.Of(all.Count, page, PageSize);
        return Card(
            [
                Heading(Text.Get("Consultations.Title", culture)),
                paging.Summary(Text.Get("Consultations.None", culture), culture),
                .. paging.Items(all.OrderByDescending(x => x.Consultation.Number)).Select(x => (JsonNode)new JsonObject
                {
                    ["type"] = "Container", ["separator"] = true,
                    ["items"] = new JsonArray(
                        UserText(Text.Get("Consultation.Heading", culture, ConsultationParts.Label(x.Consultation.Number, culture), x.Consultation.Title)),
                        Paragraph(Text.Get("Consultations.Item", culture, ConsultationParts.Status(x.Consultation, culture), x.Answered, x.Consultation.Consulted.Count)),
                        ConsultationParts.Deadline(x.Consultation, culture)),
                    ["selectAction"] = Select(new ViewConsultation(vpi.Id, x.Consultation.Number)),
                }),
            ],
            paging.Buttons(p => new ConsultationsPage(vpi.Id, p), culture));
    }
}

/// <summary>"close consultation N": are you sure? (how many answered; answers can no longer change).</summary>
public static class ConsultationCloseCard
{
    public static JsonObject Build(Vpi vpi, Consultation c, int answered, CultureInfo culture) => Card(
        [
            ConsultationParts.Heading(c, culture),
            Paragraph(Text.Get("ConsultationClose.Confirm", culture, answered, c.Consulted.Count)),
            ConsultationParts.Deadline(c, culture),
        ],
        [Execute(Text.Get("ConsultationClose.Button", culture), new CloseConsultation(vpi.Id, c.Number))]);
}

/// <summary>Posted in the channel when a consultation closes: how many inputs, from how many organisations.</summary>
public static class ConsultationClosedCard
{
    public static JsonObject Build(Vpi vpi, Consultation c, int inputs, int organisations, CultureInfo culture) => Card(
        [
            ConsultationParts.Heading(c, culture),
            Paragraph(c.ClosedByName is { } by
                ? Text.Get("ConsultationClosed.ByFacilitator", culture, inputs, organisations) : Text.Get("ConsultationClosed.AtDeadline", culture, inputs, organisations)),
            c.ClosedByName is { } name ? UserText(Text.Get("ConsultationClosed.By", culture, name), subtle: true) : null,
            ConsultationParts.Deadline(c, culture),
        ],
        [Execute(Text.Get("Consultation.Open", culture, ConsultationParts.Label(c.Number, culture)), new ViewConsultation(vpi.Id, c.Number))]);
}

/// <summary>The reminder, 1:1, to someone consulted who has not answered yet.</summary>
public static class ConsultationReminderCard
{
    public static JsonObject Build(Vpi vpi, Consultation c, CultureInfo culture) => Card(
        [
            ConsultationParts.Heading(c, culture),
            Paragraph(Text.Get("ConsultationReminder.Text", culture, c.Questions.Count)),
            ConsultationParts.Deadline(c, culture),
        ],
        [Execute(Text.Get("ConsultationReminder.Answer", culture), new ViewConsultation(vpi.Id, c.Number, Own: true))]);
}
