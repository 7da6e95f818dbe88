using System.Globalization;
using System.Net.Mail;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Features.Shared;
using VpiBot.Resources;

namespace VpiBot.Features.Meetings;

/// <summary>Reading the "schedule meeting" form strictly (cards are untrusted input, whatever they allowed), and prefilling it for a kind.</summary>
public static class MeetingInput
{
    /// <summary>How many days ahead the window opens and how long it is, when prefilled or searched again.</summary>
    public const int WindowDays = 14;

    /// <summary>The external addresses typed: separated by commas, semicolons or white space, each once.</summary>
    public static IReadOnlyList<string> Addresses(string? typed) =>
        (typed ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>An e-mail address as Exchange takes it: one address, nothing around it, no display name.</summary>
    public static bool IsAddress(string s) =>
        s.Length <= 254 && MailAddress.TryCreate(s, out var a) && a.Address == s && a.Host.Contains('.') && !s.Contains('"');

    /// <summary>The members a kind invites by default: required and optional, those with an e-mail address (the others cannot be invited).</summary>
    public static (IReadOnlyList<Member> Required, IReadOnlyList<Member> Optional) Defaults(MeetingKind kind, IReadOnlyList<Member> roster)
    {
        var invitable = roster.Where(m => !string.IsNullOrWhiteSpace(m.Email)).ToList();
        return ([.. invitable.Where(m => MeetingRules.Invited(kind, m.Role) == true)], [.. invitable.Where(m => MeetingRules.Invited(kind, m.Role) == false)]);
    }

    /// <summary>The form for a kind, prefilled: its title and agenda, who it invites, an hour (two for the launch), the next two weeks.</summary>
    public static FindMeetingTimes Prefill(Vpi vpi, MeetingKind kind, IReadOnlyList<Member> roster, DateOnly today, CultureInfo culture)
    {
        var (required, optional) = Defaults(kind, roster);
        var country = Countries.Name(vpi.Country, culture);
        return new FindMeetingTimes(vpi.Id, kind,
            Title: Text.Get($"MeetingKind.{kind}.Title", culture, country),
            Agenda: Text.Get($"MeetingKind.{kind}.Agenda", culture, country),
            Required: string.Join(",", required.Select(m => m.AadObjectId)),
            Optional: string.Join(",", optional.Select(m => m.AadObjectId)),
            Externals: "",
            Duration: (kind is MeetingKind.VpiLaunch or MeetingKind.AdvisoryBoard ? 120 : 60).ToString(CultureInfo.InvariantCulture),
            From: Day(today.AddDays(1)), To: Day(today.AddDays(WindowDays)),
            Occurrences: kind == MeetingKind.AdvisoryBoard ? "4" : null);
    }

    /// <summary>The kind typed after "next meeting": a kind's name ("VpiLaunch", any case), or as the recogniser reads it ("the launch"); none.</summary>
    public static MeetingKind? Kind(string typed) =>
        typed.Trim().Length == 0 ? null
        : Enum.GetValues<MeetingKind>().Cast<MeetingKind?>().FirstOrDefault(k => string.Equals(k.ToString(), typed.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
          ?? Domain.Questions.QuestionRecogniser.Recognise(typed, null).Slots.MeetingKind;

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The meeting the form describes, or every problem named.</summary>
    public static (MeetingPlan? Plan, List<string> Errors) Read(FindMeetingTimes f, Vpi vpi, IReadOnlyList<Member> roster, DateOnly today, CultureInfo culture)
    {
        var errors = new List<string>();
        string Field(string name) => Text.Get($"MeetingForm.Field.{name}", culture);
        if (!MeetingRules.Kinds(vpi.Level).Contains(f.Kind))
        {
            errors.Add(Text.Get("MeetingForm.KindNotOffered", culture));
        }
        var title = f.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors.Add(Text.Get("MeetingForm.Required", culture, Field("Title")));
        }
        else if (title.Length > MeetingPlan.MaxTitle)
        {
            errors.Add(Text.Get("MeetingForm.TooLong", culture, Field("Title"), MeetingPlan.MaxTitle, title.Length));
        }
        var agenda = f.Agenda?.Trim() ?? "";
        if (agenda.Length > MeetingPlan.MaxAgenda)
        {
            errors.Add(Text.Get("MeetingForm.TooLong", culture, Field("Agenda"), MeetingPlan.MaxAgenda, agenda.Length));
        }

        var byId = roster.ToDictionary(m => m.AadObjectId, StringComparer.OrdinalIgnoreCase);
        var required = MultiSelect.Values(f.Required);
        var optional = MultiSelect.Values(f.Optional).Where(o => !required.Contains(o, StringComparer.OrdinalIgnoreCase)).ToList();
        var invitees = new List<Invitee>();
        foreach (var (id, isRequired) in required.Select(r => (r, true)).Concat(optional.Select(o => (o, false))))
        {
            if (!byId.TryGetValue(id, out var member))
            {
                errors.Add(Text.Get("MeetingForm.NotOnRoster", culture));
                break;
            }
            if (string.IsNullOrWhiteSpace(member.Email))
            {
                errors.Add(Text.Get("MeetingForm.NoEmail", culture, member.Name));
                continue;
            }
            invitees.Add(new Invitee(member.Email.Trim(), member.Name, isRequired, member.AadObjectId));
        }
        var externals = Addresses(f.Externals);
        var wrong = externals.Where(a => !IsAddress(a)).ToList();
        if (wrong.Count > 0)
        {
            errors.Add(Text.Get("MeetingForm.BadAddress", culture, Shared.Cards.CardElements.Shorten(string.Join(", ", wrong), 200)));
        }
        else if (externals.Count > MeetingPlan.MaxExternals)
        {
            errors.Add(Text.Get("MeetingForm.TooManyExternals", culture, MeetingPlan.MaxExternals, externals.Count));
        }
        else
        {
            invitees.AddRange(externals.Where(a => !invitees.Any(i => string.Equals(i.Address, a, StringComparison.OrdinalIgnoreCase)))
                .Select(a => new Invitee(a, a, true)));
        }
        if (invitees.Count == 0 && errors.Count == 0)
        {
            errors.Add(Text.Get("MeetingForm.NoInvitees", culture));
        }
        if (invitees.Count > MeetingPlan.MaxInvitees)
        {
            errors.Add(Text.Get("MeetingForm.TooManyInvitees", culture, MeetingPlan.MaxInvitees));
        }

        var minutes = int.TryParse(f.Duration, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && MeetingPlan.Durations.Contains(d) ? d : (int?)null;
        if (minutes is null)
        {
            errors.Add(Text.Get("MeetingForm.ChooseDuration", culture));
        }
        var from = ParseDay(f.From);
        var to = ParseDay(f.To);
        if (from is null || to is null)
        {
            errors.Add(Text.Get("MeetingForm.ChooseDays", culture));
        }
        else if (from < today)
        {
            errors.Add(Text.Get("MeetingForm.FromInPast", culture));
        }
        else if (to < from)
        {
            errors.Add(Text.Get("MeetingForm.ToBeforeFrom", culture));
        }
        else if (to.Value.DayNumber - from.Value.DayNumber >= MeetingPlan.MaxWindowDays)
        {
            errors.Add(Text.Get("MeetingForm.WindowTooLong", culture, MeetingPlan.MaxWindowDays));
        }
        int? occurrences = null;
        if (f.Kind == MeetingKind.AdvisoryBoard)
        {
            occurrences = int.TryParse(f.Occurrences, NumberStyles.None, CultureInfo.InvariantCulture, out var o) && MeetingPlan.OccurrenceChoices.Contains(o) ? o : null;
            if (occurrences is null)
            {
                errors.Add(Text.Get("MeetingForm.ChooseOccurrences", culture));
            }
        }
        return errors.Count > 0
            ? (null, errors)
            : (new MeetingPlan(f.Kind, title, agenda, invitees, minutes!.Value, from!.Value, to!.Value, occurrences), errors);
    }

    /// <summary>A day as the card's date input sends it (yyyy-MM-dd), within this century.</summary>
    private static DateOnly? ParseDay(string? typed) =>
        DateOnly.TryParseExact(typed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and < 2100 ? d : null;

    /// <summary>
    /// The form as typed, fit to show again: text over a limit cut to it, choices the form does not offer dropped, so
    /// the card stays within Teams' size; nothing is searched until it is right.
    /// </summary>
    public static FindMeetingTimes Trim(FindMeetingTimes f, IReadOnlyList<Member> roster)
    {
        string Members(string? typed) => string.Join(",", MultiSelect.Values(typed).Where(id => roster.Any(m => string.Equals(m.AadObjectId, id, StringComparison.OrdinalIgnoreCase))));
        return f with
        {
            Title = FormText.Cut(f.Title, MeetingPlan.MaxTitle),
            Agenda = FormText.Cut(f.Agenda, MeetingPlan.MaxAgenda),
            Required = Members(f.Required),
            Optional = Members(f.Optional),
            Externals = FormText.Cut(f.Externals, 2000),
            From = ParseDay(f.From) is { } from ? Day(from) : null,
            To = ParseDay(f.To) is { } to ? Day(to) : null,
            Duration = int.TryParse(f.Duration, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && MeetingPlan.Durations.Contains(d) ? f.Duration : null,
            Occurrences = int.TryParse(f.Occurrences, NumberStyles.None, CultureInfo.InvariantCulture, out var o) && MeetingPlan.OccurrenceChoices.Contains(o) ? f.Occurrences : null,
        };
    }

}
