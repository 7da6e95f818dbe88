using VpiBot.Features.Shared;
using System.Globalization;
using VpiBot.Domain;
using VpiBot.Features.Roadmap.Cards;
using VpiBot.Resources;

namespace VpiBot.Features.Roadmap;

/// <summary>A task as the form describes it, checked: everything <see cref="RoadmapRules.Create"/> needs but its number.</summary>
public sealed record TaskFields(TaskText Text, int? Recommendation, IReadOnlyList<string> Owners, LeadSide Lead, DateOnly Start, DateOnly Due);

/// <summary>Reading the "add task" form and an update, strictly: cards are untrusted input, whatever they allowed.</summary>
public static class TaskInput
{
    /// <summary>The owners chosen on the form (a multi-select sends its values joined by commas).</summary>
    public static IReadOnlyList<string> Owners(string? typed) => Shared.MultiSelect.Values(typed);

    /// <summary>The task the form describes, or every problem named (as the rules would refuse it, too).</summary>
    public static (TaskFields? Fields, List<string> Errors) Read(SaveTask f, IReadOnlyList<Member> roster, IReadOnlyList<Recommendation> adopted,
        CultureInfo culture)
    {
        var errors = new List<string>();
        void Check(string? value, int max, string field, bool required)
        {
            if (required && string.IsNullOrWhiteSpace(value))
            {
                errors.Add(Text.Get("TaskForm.Required", culture, Text.Get($"TaskForm.Field.{field}", culture)));
            }
            else if (value is not null && value.Trim().Length > max)
            {
                errors.Add(Text.Get("TaskForm.TooLong", culture, Text.Get($"TaskForm.Field.{field}", culture), max, value.Trim().Length));
            }
        }
        Check(f.Title, TaskText.MaxTitle, "Title", true);
        Check(f.Description, TaskText.MaxDescription, "Description", false);
        if (!TryRecommendation(f.Recommendation, adopted, out var recommendation))
        {
            errors.Add(Text.Get("TaskForm.ChooseRecommendation", culture));
        }
        var owners = Owners(f.Owners);
        if (owners.Any(o => !roster.Any(m => string.Equals(m.AadObjectId, o, StringComparison.OrdinalIgnoreCase))))
        {
            errors.Add(Text.Get("TaskForm.NotOnRoster", culture));
        }
        var lead = Shared.Labels.Parse<LeadSide>(f.Lead);
        if (lead is null)
        {
            errors.Add(Text.Get("TaskForm.ChooseLead", culture));
        }
        var start = Day(f.Start);
        var due = Day(f.Due);
        if (start is null)
        {
            errors.Add(Text.Get("TaskForm.Error.Start", culture));
        }
        if (due is null)
        {
            errors.Add(Text.Get("TaskForm.Error.Due", culture));
        }
        // the rules' own refusals (no owner, too many, due before start), named on the form the same way
        if (RoadmapRules.Create(0, new TaskText("", ""), null, owners, LeadSide.Joint, start ?? DateOnly.MinValue, due ?? DateOnly.MaxValue, "", "", default).Refusal is { } refusal)
        {
            errors.Add(Refusal(refusal, culture));
        }
        return errors.Count > 0
            ? (null, errors)
            : (new TaskFields(new TaskText(f.Title!.Trim(), f.Description?.Trim() ?? ""), recommendation, owners, lead!.Value, start!.Value, due!.Value), errors);
    }

    /// <summary>The recommendation chosen: none ("0", or nothing sent), or one adopted now; false for anything else (a tampered or stale form).</summary>
    private static bool TryRecommendation(string? typed, IReadOnlyList<Recommendation> adopted, out int? number)
    {
        var chosen = int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (int?)null;
        number = chosen;
        return typed is null or TaskFormCard.NoRecommendation || adopted.Any(r => r.Number == chosen);
    }

    /// <summary>A day as the card's date input sends it (yyyy-MM-dd), within this century.</summary>
    private static DateOnly? Day(string? typed) =>
        DateOnly.TryParseExact(typed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and < 2100 ? d : null;

    public static string Refusal(TaskRefusal refusal, CultureInfo culture) =>
        Text.Get($"Task.Refusal.{refusal}", culture, RoadmapTask.MaxComment, RoadmapTask.MaxOwners);

    /// <summary>
    /// The form as typed, fit to show again: text over a limit cut to it (the error says by how much), and choices the
    /// form does not offer dropped, so the card stays within Teams' size; nothing is saved until it is right.
    /// </summary>
    public static SaveTask Trim(SaveTask f, IReadOnlyList<Member> roster, IReadOnlyList<Recommendation> adopted) => f with
    {
        Title = FormText.Cut(f.Title, TaskText.MaxTitle),
        Description = FormText.Cut(f.Description, TaskText.MaxDescription),
        Recommendation = TryRecommendation(f.Recommendation, adopted, out var r) ? r?.ToString(CultureInfo.InvariantCulture) ?? TaskFormCard.NoRecommendation : null,
        Owners = string.Join(",", Owners(f.Owners).Where(o => roster.Any(m => string.Equals(m.AadObjectId, o, StringComparison.OrdinalIgnoreCase)))),
        Lead = Shared.Labels.Parse<LeadSide>(f.Lead)?.ToString(),
        Start = Day(f.Start)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Due = Day(f.Due)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };


    /// <summary>An update's status and progress as chosen; null where the card sent something it does not offer.</summary>
    public static (TaskState? State, int? Progress) ReadUpdate(UpdateTask u) =>
        (Shared.Labels.Parse<TaskState>(u.Status),
         int.TryParse(u.Progress, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 100 ? p : null);

    /// <summary>The period typed after "due": a period's name ("ThisMonth", "this month"), as the recogniser reads it, or this week.</summary>
    public static Domain.Questions.Period Period(string typed) =>
        Enum.GetValues<Domain.Questions.Period>().Cast<Domain.Questions.Period?>()
            .FirstOrDefault(p => string.Equals(p.ToString(), typed.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
        ?? Domain.Questions.QuestionRecogniser.Recognise(typed, null).Slots.Period
        ?? Domain.Questions.Period.ThisWeek;
}
