using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Roadmap.Cards;

/// <summary>The "add task" form: who does what by when, for which adopted recommendation.</summary>
public static class TaskFormCard
{
    /// <summary>Members offered as owners at most (the ones chosen first), and adopted recommendations, so the form stays within 40 KB.</summary>
    public const int MaxOwnerChoices = 80;
    public const int MaxRecommendationChoices = 40;
    public const int MaxChoiceTitle = 60;
    public const int MaxChoiceName = 40;

    /// <summary>The recommendation choice that links none.</summary>
    public const string NoRecommendation = "0";

    /// <param name="roster">The VPI's members, who may own tasks.</param>
    /// <param name="adopted">The VPI's adopted recommendations, the only ones a task may carry out.</param>
    /// <param name="typed">The form as typed (or prefilled).</param>
    public static JsonObject Build(Vpi vpi, IReadOnlyList<Member> roster, IReadOnlyList<Recommendation> adopted, SaveTask typed, CultureInfo culture,
        IReadOnlyList<string>? errors = null)
    {
        var chosen = TaskInput.Owners(typed.Owners).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var people = roster.OrderByDescending(m => chosen.Contains(m.AadObjectId)).ThenBy(m => m.Name, StringComparer.Create(culture, true))
            .Take(MaxOwnerChoices).OrderBy(m => m.Name, StringComparer.Create(culture, true)).ToList();
        var owners = ChoiceInput("owners", Text.Get("TaskForm.Owners", culture, RoadmapTask.MaxOwners),
            people.Select(m => Choice(Shorten(m.Name, MaxChoiceName), m.AadObjectId)), typed.Owners, expanded: people.Count <= 8, errorMessage: Text.Get("TaskForm.ChooseOwner", culture));
        owners["isMultiSelect"] = true;
        var recommendations = adopted.OrderByDescending(r => r.Number.ToString(CultureInfo.InvariantCulture) == typed.Recommendation).ThenByDescending(r => r.Number)
            .Take(MaxRecommendationChoices).OrderBy(r => r.Number).ToList();
        return Card(
            [
                Heading(Text.Get("TaskForm.Title", culture)),
                Paragraph(Text.Get("TaskForm.Intro", culture, vpi.TimeZone ?? TimeZones.Utc)),
                errors is { Count: > 0 } ? Problems(errors) : null,
                TextInput("title", Text.Get("TaskForm.Label.Title", culture, TaskText.MaxTitle), typed.Title, TaskText.MaxTitle,
                    Text.Get("TaskForm.Error.Title", culture, TaskText.MaxTitle)),
                Optional(MultilineInput("description", Text.Get("TaskForm.Label.Description", culture, TaskText.MaxDescription), typed.Description, TaskText.MaxDescription)),
                ChoiceInput("recommendation", Text.Get("TaskForm.Recommendation", culture),
                    [
                        Choice(Text.Get("TaskForm.NoRecommendation", culture), NoRecommendation),
                        .. recommendations.Select(r => Choice(
                            Text.Get("Recommendation.Heading", culture, Text.Get("Recommendation.Label", culture, r.Number), Shorten(r.Text.Title, MaxChoiceTitle)),
                            r.Number.ToString(CultureInfo.InvariantCulture))),
                    ],
                    typed.Recommendation ?? NoRecommendation, errorMessage: Text.Get("TaskForm.ChooseRecommendation", culture)),
                owners,
                roster.Count > people.Count ? Paragraph(Text.Get("TaskForm.OwnersCut", culture, people.Count, roster.Count)) : null,
                ChoiceInput("lead", Text.Get("TaskForm.Lead", culture),
                    Enum.GetValues<LeadSide>().Select(l => Choice(TaskParts.Lead(l, culture), l.ToString())), typed.Lead, expanded: true,
                    errorMessage: Text.Get("TaskForm.ChooseLead", culture)),
                DateInput("start", Text.Get("TaskForm.Start", culture), typed.Start, Text.Get("TaskForm.Error.Start", culture)),
                DateInput("due", Text.Get("TaskForm.Due", culture), typed.Due, Text.Get("TaskForm.Error.Due", culture)),
            ],
            [Execute(Text.Get("TaskForm.Add", culture), new SaveTask(vpi.Id))]);
    }
}
