using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Features.Shared;
using VpiBot.Features.Stages;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Meetings.Cards;

/// <summary>Everything a meeting card shows: the meeting, who gets their own view on refresh (the facilitators), and now.</summary>
public sealed record MeetingShown(Meeting Meeting, IReadOnlyList<string> RefreshIds, DateTimeOffset Now);

/// <summary>Pieces every meeting card shares.</summary>
internal static class MeetingParts
{
    public const int MaxNamesShown = 12;

    public static string Kind(MeetingKind kind, CultureInfo culture) => Text.Get($"MeetingKind.{kind}", culture);
    public static string Label(int number, CultureInfo culture) => Text.Get("Meeting.Label", culture, number);
    public static string Heading(Meeting m, CultureInfo culture) => Text.Get("Meeting.Heading", culture, Label(m.Number, culture), m.Plan.Title);

    public static string Duration(int minutes, CultureInfo culture) =>
        minutes % 60 == 0 ? Text.Plural("Meeting.Hours", culture, minutes / 60) : Text.Plural("Meeting.Minutes", culture, minutes);

    /// <summary>"{{DATE}} {{TIME}} – {{TIME}}": the viewer's own time, formatted by Teams on the device.</summary>
    public static JsonObject When(DateTimeOffset start, DateTimeOffset end, CultureInfo culture, bool bold = false)
    {
        var line = Paragraph(Text.Get("Meeting.When", culture, DeviceDate(start), DeviceTime(start), DeviceTime(end)));
        if (bold)
        {
            line["weight"] = "Bolder";
        }
        return line;
    }

    /// <summary>"14:00–15:00 in Africa/Accra": the same time in the VPI's zone, for those reading it elsewhere.</summary>
    public static JsonObject InVpiZone(DateTimeOffset start, DateTimeOffset end, string zone, CultureInfo culture)
    {
        var (date, from) = TimeZones.ToLocal(start, zone);
        var (_, to) = TimeZones.ToLocal(end, zone);
        return UserText(Text.Get("Meeting.InZone", culture, Labels.Date(date, culture), from.ToString("HH:mm", culture), to.ToString("HH:mm", culture), zone), subtle: true);
    }

    /// <summary>"Free (3): Ama Mensah, Kofi Boateng, …" — at most <see cref="MaxNamesShown"/> names, then how many more.</summary>
    public static JsonObject? Group(string key, IReadOnlyList<string> names, CultureInfo culture)
    {
        if (names.Count == 0)
        {
            return null;
        }
        var shown = string.Join(", ", names.Take(MaxNamesShown).Select(n => Shorten(n, 60)));
        var list = names.Count > MaxNamesShown ? Text.Get("Meeting.NamesMore", culture, shown, names.Count - MaxNamesShown) : shown;
        return UserText(Text.Get(key, culture, names.Count, list));
    }

    public static string NameOf(Meeting m, string address) =>
        m.Plan.Invitees.FirstOrDefault(i => string.Equals(i.Address, address, StringComparison.OrdinalIgnoreCase))?.Name ?? address;

    /// <summary>"Every 6 months, 4 meetings in all" for the advisory board.</summary>
    public static JsonObject? Recurrence(Meeting m, CultureInfo culture) =>
        m.Plan.Recurs ? Paragraph(Text.Get("Meeting.Recurrence", culture, m.Plan.Occurrences ?? 4)) : null;

    /// <summary>An item of a list: the meeting's heading, and when (or that it is not booked yet); the whole item opens it.</summary>
    public static JsonObject Item(string vpiId, Meeting m, CultureInfo culture) => new()
    {
        ["type"] = "Container", ["separator"] = true,
        ["items"] = new JsonArray(
            UserText(Heading(m, culture)),
            m is { Status: MeetingStatus.Booked, Start: { } start, End: { } end }
                ? Paragraph(Text.Get("Meeting.ItemBooked", culture, Kind(m.Plan.Kind, culture), Text.Get("Meeting.When", culture, DeviceDate(start), DeviceTime(start), DeviceTime(end))))
                : Paragraph(Text.Get("Meeting.ItemNotBooked", culture, Kind(m.Plan.Kind, culture)))),
        ["selectAction"] = Select(new ViewMeeting(vpiId, m.Number)),
    };
}

/// <summary>
/// The times proposed for a meeting, best first: for each, when (in the viewer's own zone, and the VPI's), and who is
/// free, tentative, busy, outside their working hours, or unknown to Outlook (external addresses); a button to book
/// it. None found: why, and a button to look two weeks further.
/// </summary>
public static class MeetingProposalCard
{
    public static JsonObject Build(Vpi vpi, Meeting m, CultureInfo culture, string? notice = null, IReadOnlyList<string>? problems = null, bool canManage = true)
    {
        var zone = vpi.TimeZone ?? TimeZones.Utc;
        var plan = m.Plan;
        var rescheduling = m.Status == MeetingStatus.Booked;
        var body = new List<JsonNode?>
        {
            notice is null ? null : Notice(notice),
            UserText(MeetingParts.Heading(m, culture), title: true),
            Facts(
            [
                (Text.Get("Meeting.Kind", culture), MeetingParts.Kind(plan.Kind, culture)),
                (Text.Get("Meeting.Duration", culture), MeetingParts.Duration(plan.Minutes, culture)),
                (Text.Get("Meeting.Days", culture), Text.Get("Meeting.DaysValue", culture, Labels.Date(plan.From, culture), Labels.Date(plan.To, culture), zone)),
                (Text.Get("Meeting.Invited", culture), Text.Get("Meeting.InvitedValue", culture,
                    plan.Invitees.Count(i => i.Required && !i.IsExternal), plan.Invitees.Count(i => !i.Required), plan.Invitees.Count(i => i.IsExternal))),
            ]),
            MeetingParts.Recurrence(m, culture),
        };
        if (rescheduling && m.Start is { } now && m.End is { } nowEnd)
        {
            body.Add(Subheading(Text.Get("Meeting.NowAt", culture)));
            body.Add(MeetingParts.When(now, nowEnd, culture));
        }
        if (problems is { Count: > 0 })
        {
            body.Add(Problems(problems));
        }
        var actions = new List<JsonNode>();
        if (m.Status == MeetingStatus.Booking && m.Start is { } claimed && m.End is { } claimedEnd)
        {
            body.Add(Subheading(Text.Get("Meeting.BeingBooked", culture)));
            body.Add(MeetingParts.When(claimed, claimedEnd, culture, bold: true));
            if (canManage)
            {
                actions.Add(Execute(Text.Get("Meeting.TryBookingAgain", culture), new BookMeetingSlot(vpi.Id, m.Number, m.Revision, 0)));
            }
            return Card(body, actions);
        }
        if (m.Slots.Count == 0)
        {
            body.Add(Paragraph(m.NoSlot is { } reason ? Text.Get($"Meeting.NoSlot.{reason}", culture) : Text.Get("Meeting.NoSlot.None", culture)));
        }
        else
        {
            body.Add(Subheading(Text.Get(rescheduling ? "Meeting.OtherTimes" : "Meeting.Proposed", culture)));
        }
        for (var i = 0; i < m.Slots.Count; i++)
        {
            var slot = m.Slots[i];
            var option = Text.Get("Meeting.Option", culture, i + 1);
            var names = (Func<IEnumerable<AttendeePresence>, IReadOnlyList<string>>)(list => [.. list.Select(a => MeetingParts.NameOf(m, a.Address))]);
            var items = new JsonArray(
                Subheading(option),
                MeetingParts.When(slot.Start, slot.End, culture, bold: true),
                MeetingParts.InVpiZone(slot.Start, slot.End, zone, culture));
            foreach (var (key, who) in Presences(slot))
            {
                if (MeetingParts.Group(key, names(who), culture) is { } line)
                {
                    items.Add(line);
                }
            }
            if (canManage)
            {
                items.Add(new JsonObject
                {
                    ["type"] = "ActionSet",
                    ["actions"] = new JsonArray(Execute(Text.Get(rescheduling ? "Meeting.MoveTo" : "Meeting.Book", culture, option), new BookMeetingSlot(vpi.Id, m.Number, m.Revision, i))),
                });
            }
            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = items });
        }
        if (canManage)
        {
            actions.Add(Execute(Text.Get("Meeting.LookFurther", culture), new FindOtherTimes(vpi.Id, m.Number, m.Revision), primary: m.Slots.Count == 0));
            actions.Add(rescheduling
                ? Execute(Text.Get("Meeting.KeepTime", culture), new ViewMeeting(vpi.Id, m.Number), primary: false)
                : Execute(Text.Get("Meeting.Discard", culture), new CancelMeeting(vpi.Id, m.Number, m.Revision), primary: false));
        }
        return Card(body, actions);
    }

    /// <summary>Who is what in a slot, in the order a facilitator weighs it; required and optional apart.</summary>
    private static IEnumerable<(string Key, IEnumerable<AttendeePresence> Who)> Presences(Slot slot)
    {
        yield return ("Meeting.Free", slot.Attendees.Where(a => a.Presence == Presence.Free));
        yield return ("Meeting.Tentative", slot.Attendees.Where(a => a.Presence == Presence.Tentative));
        yield return ("Meeting.BusyOptional", slot.Attendees.Where(a => a.Presence == Presence.Busy));
        yield return ("Meeting.OutsideHours", slot.Attendees.Where(a => a.Presence == Presence.OutsideHours));
        yield return ("Meeting.Unknown", slot.Attendees.Where(a => a.Presence == Presence.Unknown));
    }
}

/// <summary>
/// A booked (or cancelled) meeting: when, in each viewer's own zone; the join link; the replies as last read from the
/// event. The facilitators' own view (refresh <c>userIds</c>, at most 60; "Show replies" otherwise and in clients that
/// do not refresh) reads them afresh and has "Find another time" and "Cancel the meeting".
/// </summary>
public static class MeetingCard
{
    public const int MaxRefreshUsers = 60;
    public const int MaxComment = 500;
    public const int AgendaShown = 600;

    /// <param name="canManage">The viewer is a facilitator: moving and cancelling.</param>
    /// <param name="posted">The copy posted for everyone.</param>
    public static JsonObject Build(Vpi vpi, MeetingShown s, bool canManage, CultureInfo culture, string? notice = null, IReadOnlyList<string>? problems = null,
        bool posted = false)
    {
        var m = s.Meeting;
        var zone = vpi.TimeZone ?? TimeZones.Utc;
        var body = new List<JsonNode?>
        {
            notice is null ? null : Notice(notice),
            UserText(MeetingParts.Heading(m, culture), title: true),
            UserText(MeetingParts.Kind(m.Plan.Kind, culture), subtle: true),
        };
        if (m.Status == MeetingStatus.Cancelled)
        {
            var cancelled = UserText(m.CancelComment is { } c
                ? Text.Get("Meeting.CancelledBy", culture, m.CancelledBy ?? "", Shorten(c, MaxComment))
                : Text.Get("Meeting.CancelledNoComment", culture, m.CancelledBy ?? ""));
            cancelled["inlines"]![0]!["color"] = "Attention"; // the words say it too
            body.Add(cancelled);
        }
        if (m.Start is { } start && m.End is { } end)
        {
            body.Add(MeetingParts.When(start, end, culture, bold: true));
            body.Add(MeetingParts.InVpiZone(start, end, zone, culture));
        }
        body.Add(MeetingParts.Recurrence(m, culture));
        body.Add(Facts(
        [
            (Text.Get("Meeting.Duration", culture), MeetingParts.Duration(m.Plan.Minutes, culture)),
            (Text.Get("Meeting.Organizer", culture), m.Organizer ?? ""),
        ]));
        if (m.Status == MeetingStatus.Booked)
        {
            body.AddRange(Replies(m, culture));
        }
        if (m.Plan.Agenda.Length > 0)
        {
            body.Add(Subheading(Text.Get("Meeting.Agenda", culture)));
            body.Add(UserText(Shorten(m.Plan.Agenda, AgendaShown)));
        }
        if (problems is { Count: > 0 })
        {
            body.Add(Problems(problems));
        }
        var actions = new List<JsonNode>();
        var upcoming = m.IsUpcoming(s.Now) || m.Plan.Recurs && m.Status == MeetingStatus.Booked;
        if (m is { Status: MeetingStatus.Booked, JoinUrl: { } join } && upcoming && Uri.TryCreate(join, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps)
        {
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = Text.Get("Meeting.Join", culture), ["url"] = url.AbsoluteUri });
        }
        if (canManage && m.Status == MeetingStatus.Booked && upcoming)
        {
            actions.Add(Execute(Text.Get("Meeting.FindAnotherTime", culture), new FindOtherTimes(vpi.Id, m.Number, m.Revision), primary: false));
            actions.Add(new JsonObject
            {
                ["type"] = "Action.ShowCard", ["title"] = Text.Get("Meeting.Cancel", culture),
                ["card"] = Card(
                    [Optional(MultilineInput("comment", Text.Get("Meeting.CancelComment", culture, MaxComment), null, MaxComment))],
                    [Execute(Text.Get("Meeting.CancelConfirm", culture), new CancelMeeting(vpi.Id, m.Number, m.Revision))]),
            });
        }
        if (m.Status == MeetingStatus.Booked)
        {
            actions.Add(Execute(Text.Get(posted ? "Meeting.ShowReplies" : "Meeting.RefreshReplies", culture), new ViewMeeting(vpi.Id, m.Number), primary: false));
        }
        var card = Card(body, actions);
        if (m.Status == MeetingStatus.Booked)
        {
            var refresh = new JsonObject { ["action"] = Execute(Text.Get("Meeting.RefreshReplies", culture), new ViewMeeting(vpi.Id, m.Number)) };
            if (s.RefreshIds.Count is > 0 and <= MaxRefreshUsers)
            {
                refresh["userIds"] = new JsonArray(s.RefreshIds.Select(id => (JsonNode)id).ToArray());
            }
            card["refresh"] = refresh;
        }
        return card;
    }

    /// <summary>"Accepted 5 · Tentative 1 · Declined 2 · No reply 12", then who, and when they were read.</summary>
    private static IEnumerable<JsonNode?> Replies(Meeting m, CultureInfo culture)
    {
        var invited = m.Plan.Invitees.Where(i => !m.IsOrganizer(i)).ToList();
        MeetingReply Of(Invitee i) => m.Replies.FirstOrDefault(r => string.Equals(r.Key, i.Address, StringComparison.OrdinalIgnoreCase)).Value;
        List<string> Who(MeetingReply reply) => [.. invited.Where(i => Of(i) == reply).Select(i => i.Name)];
        yield return Subheading(Text.Get("Meeting.Replies", culture));
        yield return Paragraph(Text.Get("Meeting.ReplyCounts", culture,
            Who(MeetingReply.Accepted).Count, Who(MeetingReply.Tentative).Count, Who(MeetingReply.Declined).Count, Who(MeetingReply.None).Count));
        yield return MeetingParts.Group("Meeting.Reply.Accepted", Who(MeetingReply.Accepted), culture);
        yield return MeetingParts.Group("Meeting.Reply.Tentative", Who(MeetingReply.Tentative), culture);
        yield return MeetingParts.Group("Meeting.Reply.Declined", Who(MeetingReply.Declined), culture);
        yield return MeetingParts.Group("Meeting.Reply.None", Who(MeetingReply.None), culture);
        yield return m.RepliesAt is { } at
            ? Paragraph(Text.Get("Meeting.RepliesAt", culture, DeviceDateTime(at)))
            : Paragraph(Text.Get("Meeting.RepliesNotRead", culture));
    }
}

/// <summary>"meetings": the upcoming ones, soonest first, then those not booked yet; a page at a time.</summary>
public static class MeetingListCard
{
    public const int PageSize = 10;

    public static JsonObject Build(Vpi vpi, IReadOnlyList<Meeting> all, DateTimeOffset now, int page, CultureInfo culture)
    {
        var listed = all.Where(m => m.IsUpcoming(now)).OrderBy(m => m.Start).ThenBy(m => m.Number)
            .Concat(all.Where(m => m.Status is MeetingStatus.Proposed or MeetingStatus.Booking).OrderBy(m => m.Number))
            .ToList();
        var paging = Shared.Cards.Paging.Of(listed.Count, page, PageSize);
        var others = all.Count - listed.Count;
        var body = new List<JsonNode?>
        {
            Heading(Text.Get("Meetings.Title", culture, Countries.Name(vpi.Country, culture))),
            paging.Summary(Text.Get(all.Count == 0 ? "Meetings.None" : "Meetings.NoneUpcoming", culture), culture),
        };
        body.AddRange(paging.Items(listed).Select(m => MeetingParts.Item(vpi.Id, m, culture)));
        if (others > 0)
        {
            body.Add(Paragraph(Text.Plural("Meetings.PastOrCancelled", culture, others)));
        }
        return Card(body, paging.Buttons(n => new MeetingsPage(vpi.Id, n), culture));
    }
}

/// <summary>Asked of a scoping or launch meeting's facilitator, 1:1, once it has taken place: mark the activity done?</summary>
public static class StagePromptCard
{
    public static JsonObject Build(Vpi vpi, Meeting m, VpiStage stage, CultureInfo culture)
    {
        var zone = vpi.TimeZone ?? TimeZones.Utc;
        var day = TimeZones.ToLocal(m.Start!.Value, zone).Date;
        var next = vpi.NextStage == stage;
        return Card(
            [
                Heading(Text.Get("StagePrompt.Title", culture, MeetingParts.Kind(m.Plan.Kind, culture))),
                UserText(Text.Get("StagePrompt.Held", culture, MeetingParts.Heading(m, culture), Labels.Date(day, culture), Countries.Name(vpi.Country, culture))),
                Paragraph(next
                    ? Text.Get("StagePrompt.Question", culture, (int)stage, Labels.Of(stage, culture))
                    : Text.Get("StagePrompt.NotNext", culture, (int)stage, Labels.Of(stage, culture), (int)vpi.NextStage!.Value, Labels.Of(vpi.NextStage.Value, culture))),
            ],
            next ? [Execute(Text.Get("StagePrompt.MarkDone", culture, (int)stage), new CompleteStage(vpi.Id, stage, MeetingInput.Day(day)))] : []);
    }
}

/// <summary>The invitation's body: the agenda, and whose VPI it is. HTML, with what people typed encoded, so it stays text.</summary>
public static class MeetingText
{
    public static string Agenda(Vpi vpi, Meeting m, CultureInfo culture)
    {
        var agenda = string.Join("<br>", m.Plan.Agenda.Split('\n').Select(line => WebUtility.HtmlEncode(line.TrimEnd('\r'))));
        var footer = WebUtility.HtmlEncode(Text.Get("Meeting.InvitationFooter", culture, Countries.Name(vpi.Country, culture), m.CreatedByName));
        return $"<html><body><p>{agenda}</p><p>{footer}</p></body></html>";
    }
}
