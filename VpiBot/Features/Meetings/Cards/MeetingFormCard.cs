using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Features.Shared;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Meetings.Cards;

/// <summary>"schedule meeting": the kinds of meeting to choose from, then the form for one.</summary>
public static class MeetingFormCard
{
    /// <summary>Members offered in each list at most (the ones chosen first), so the form stays within 40 KB.</summary>
    public const int MaxMemberChoices = 80;
    public const int MaxChoiceName = 50;

    /// <summary>The kinds this VPI offers, each a button with what it is for.</summary>
    public static JsonObject Kinds(Vpi vpi, CultureInfo culture, string? problem = null) => Card(
        [
            Heading(Text.Get("MeetingForm.KindsTitle", culture)),
            Paragraph(Text.Get("MeetingForm.KindsIntro", culture)),
            problem is null ? null : Problems([problem]),
            .. MeetingRules.Kinds(vpi.Level).Select(kind => new JsonObject
            {
                ["type"] = "Container", ["separator"] = true,
                ["items"] = new JsonArray(
                    Subheading(MeetingParts.Kind(kind, culture)),
                    Paragraph(Text.Get($"MeetingKind.{kind}.About", culture))),
                // Teams makes the whole item a button for the keyboard and screen readers
                ["selectAction"] = Select(new ChooseMeetingKind(vpi.Id, kind)),
            }),
        ]);

    /// <param name="roster">The VPI's members; those with an e-mail address can be invited.</param>
    /// <param name="typed">The form as typed (or prefilled).</param>
    public static JsonObject Build(Vpi vpi, IReadOnlyList<Member> roster, FindMeetingTimes typed, CultureInfo culture, IReadOnlyList<string>? errors = null)
    {
        var invitable = roster.Where(m => !string.IsNullOrWhiteSpace(m.Email)).ToList();
        var noEmail = roster.Where(m => string.IsNullOrWhiteSpace(m.Email)).Select(m => m.Name).ToList();
        var zone = vpi.TimeZone ?? TimeZones.Utc;
        return Card(
            [
                Heading(Text.Get("MeetingForm.Title", culture, MeetingParts.Kind(typed.Kind, culture))),
                Paragraph(Text.Get("MeetingForm.Intro", culture, zone)),
                errors is { Count: > 0 } ? Problems(errors) : null,
                TextInput("title", Text.Get("MeetingForm.Label.Title", culture, MeetingPlan.MaxTitle), typed.Title, MeetingPlan.MaxTitle,
                    Text.Get("MeetingForm.Required", culture, Text.Get("MeetingForm.Field.Title", culture))),
                Optional(MultilineInput("agenda", Text.Get("MeetingForm.Label.Agenda", culture, MeetingPlan.MaxAgenda), typed.Agenda, MeetingPlan.MaxAgenda)),
                People("required", Text.Get("MeetingForm.Label.Required", culture), invitable, typed.Required, culture),
                People("optional", Text.Get("MeetingForm.Label.Optional", culture), invitable, typed.Optional, culture),
                invitable.Count > MaxMemberChoices ? Paragraph(Text.Get("MeetingForm.MembersCut", culture, MaxMemberChoices, invitable.Count)) : null,
                noEmail.Count > 0 ? UserText(Text.Get("MeetingForm.NoEmailList", culture, Shorten(string.Join(", ", noEmail), 400)), subtle: true) : null,
                Optional(MultilineInput("externals", Text.Get("MeetingForm.Label.Externals", culture, MeetingPlan.MaxExternals), typed.Externals, 2000)),
                ChoiceInput("duration", Text.Get("MeetingForm.Label.Duration", culture),
                    MeetingPlan.Durations.Select(d => Choice(MeetingParts.Duration(d, culture), d.ToString(CultureInfo.InvariantCulture))), typed.Duration,
                    errorMessage: Text.Get("MeetingForm.ChooseDuration", culture)),
                DateInput("from", Text.Get("MeetingForm.Label.From", culture), typed.From, Text.Get("MeetingForm.ChooseDays", culture)),
                DateInput("to", Text.Get("MeetingForm.Label.To", culture, MeetingPlan.MaxWindowDays), typed.To, Text.Get("MeetingForm.ChooseDays", culture)),
                typed.Kind == MeetingKind.AdvisoryBoard
                    ? ChoiceInput("occurrences", Text.Get("MeetingForm.Label.Occurrences", culture),
                        MeetingPlan.OccurrenceChoices.Select(o => Choice(Text.Get("MeetingForm.OccurrenceChoice", culture, o, o / 2.0), o.ToString(CultureInfo.InvariantCulture))),
                        typed.Occurrences, errorMessage: Text.Get("MeetingForm.ChooseOccurrences", culture))
                    : null,
            ],
            [Execute(Text.Get("MeetingForm.Find", culture), new FindMeetingTimes(vpi.Id, typed.Kind))]);
    }

    /// <summary>A multi-select of members (not required: a meeting may have only optional or external attendees).</summary>
    private static JsonObject People(string id, string label, IReadOnlyList<Member> invitable, string? typed, CultureInfo culture)
    {
        var chosen = MultiSelect.Values(typed).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var people = invitable.OrderByDescending(m => chosen.Contains(m.AadObjectId)).ThenBy(m => m.Name, StringComparer.Create(culture, true))
            .Take(MaxMemberChoices).OrderBy(m => m.Name, StringComparer.Create(culture, true)).ToList();
        var input = Optional(ChoiceInput(id, label,
            people.Select(m => Choice(Shorten(Text.Get("MeetingForm.Person", culture, m.Name, Labels.RoleName(m.Role, culture)), MaxChoiceName), m.AadObjectId)),
            string.Join(",", people.Where(m => chosen.Contains(m.AadObjectId)).Select(m => m.AadObjectId))));
        input["isMultiSelect"] = true;
        if (input["value"]?.GetValue<string>() is "")
        {
            input.Remove("value");
        }
        return input;
    }
}
