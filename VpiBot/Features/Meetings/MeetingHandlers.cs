using System.Globalization;
using Microsoft.Extensions.Options;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Features.Meetings.Cards;
using VpiBot.Features.Shared;
using VpiBot.Graph;
using VpiBot.Protocol.Connector;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Meetings;

/// <summary>
/// A VPI's meetings through Microsoft Graph: the facilitator describes one ("schedule meeting"), the bot reads everyone's
/// free/busy and proposes three times, the facilitator books one as a Teams meeting (Graph sends the invitations), the
/// card in the channel shows the replies, and the facilitator moves or cancels it from there.
/// </summary>
public sealed class MeetingHandlers(VpiStore vpis, MeetingStore meetings, MeetingReading reading, GraphCalendar graph, IOptions<GraphOptions> graphOptions,
    ConnectorClient connector, TimeProvider time, ILogger<MeetingHandlers> log)
{
    /// <summary>"schedule meeting": what an administrator must set up first, the VPI's time zone, or the kinds of meeting to choose from.</summary>
    public Task<Answer> ScheduleAsync(VpiTurn t, CancellationToken ct) => Task.FromResult(
        !graph.IsConfigured ? Answer.Text(t.Say("Meeting.Graph.NotConfigured"))
        : t.Vpi.TimeZone is null ? Answer.Card(Vpis.Cards.TimeZoneCard.AskFirst(t.Vpi, t.Culture, "schedule meeting"))
        : Answer.Card(MeetingFormCard.Kinds(t.Vpi, t.Culture)));

    /// <summary>A kind chosen: the form, prefilled for it.</summary>
    public async Task<Answer> KindAsync(VpiTurn t, ChooseMeetingKind data, CancellationToken ct)
    {
        if (!MeetingRules.Kinds(t.Vpi.Level).Contains(data.Kind))
        {
            return Answer.Card(MeetingFormCard.Kinds(t.Vpi, t.Culture, t.Say("MeetingForm.KindNotOffered")));
        }
        await CallerWithEmailAsync(t, ct);
        var roster = await vpis.GetMembersAsync(t.Vpi.Id, ct);
        return Answer.Card(MeetingFormCard.Build(t.Vpi, roster, MeetingInput.Prefill(t.Vpi, data.Kind, roster, reading.Today(t.Vpi), t.Culture), t.Culture));
    }

    /// <summary>
    /// "Find times": the form checked (every problem named on it, what was typed kept), everyone's free/busy read, and
    /// the meeting saved with the times found, so nothing typed is lost whatever happens next. The answer proposes them.
    /// </summary>
    public async Task<Answer> FindAsync(VpiTurn t, FindMeetingTimes data, CancellationToken ct)
    {
        if (!graph.IsConfigured)
        {
            return Answer.Text(t.Say("Meeting.Graph.NotConfigured"));
        }
        if (t.Vpi.TimeZone is null)
        {
            return Answer.Card(Vpis.Cards.TimeZoneCard.AskFirst(t.Vpi, t.Culture, "schedule meeting"));
        }
        var roster = await vpis.GetMembersAsync(t.Vpi.Id, ct);
        var (plan, errors) = MeetingInput.Read(data, t.Vpi, roster, reading.Today(t.Vpi), t.Culture);
        if (plan is null)
        {
            return Answer.Card(MeetingFormCard.Build(t.Vpi, roster, MeetingInput.Trim(data, roster), t.Culture, errors));
        }
        if (Organizer(await CallerWithEmailAsync(t, ct)) is not { } organizer)
        {
            return Answer.Card(MeetingFormCard.Build(t.Vpi, roster, MeetingInput.Trim(data, roster), t.Culture, [t.Say("Meeting.NoOrganizer")]));
        }
        if (plan.Invitees.All(i => string.Equals(i.Address, organizer, StringComparison.OrdinalIgnoreCase)))
        {
            return Answer.Card(MeetingFormCard.Build(t.Vpi, roster, MeetingInput.Trim(data, roster), t.Culture, [t.Say("MeetingForm.NoInvitees")]));
        }
        var (search, failure) = await SearchAsync(t.Vpi, plan, organizer, ct);
        if (search is null)
        {
            return Answer.Card(MeetingFormCard.Build(t.Vpi, roster, MeetingInput.Trim(data, roster), t.Culture, [GraphProblemText(t, failure!, organizer)]));
        }
        var caller = t.Caller!;
        var now = time.GetUtcNow();
        try
        {
            var meeting = await meetings.CreateAsync(t.Vpi.Id, n => MeetingRules.Create(n, plan, search, caller.AadObjectId, caller.Name, now), ct);
            return Answer.Card(MeetingProposalCard.Build(t.Vpi, meeting, t.Culture));
        }
        catch (ConcurrencyConflictException)
        {
            return Answer.Card(MeetingFormCard.Build(t.Vpi, roster, MeetingInput.Trim(data, roster), t.Culture, [t.Say("Meeting.TryAgain")]));
        }
    }

    /// <summary>
    /// "Look two weeks further" on a proposal, "Find another time" on a booked meeting (the next two weeks): new times,
    /// on the revision the card showed.
    /// </summary>
    public async Task<Answer> MoreAsync(VpiTurn t, FindOtherTimes data, CancellationToken ct)
    {
        if (await meetings.GetAsync(t.Vpi.Id, data.Number, ct) is not { } read)
        {
            return t.Refuse(Refusal.StaleCard);
        }
        var m = read.Item;
        var today = reading.Today(t.Vpi);
        var plan = m.Status == MeetingStatus.Booked
            ? m.Plan with { From = today.AddDays(1), To = today.AddDays(MeetingInput.WindowDays) }
            : m.Plan with
            {
                From = m.Plan.From < today ? today : m.Plan.From,
                To = (m.Plan.To < today ? today : m.Plan.To).AddDays(MeetingInput.WindowDays),
            };
        if (plan.To.DayNumber - plan.From.DayNumber >= MeetingPlan.MaxWindowDays)
        {
            plan = plan with { From = plan.To.AddDays(1 - MeetingPlan.MaxWindowDays) };
        }
        var organizer = m.Organizer ?? Organizer(await CallerWithEmailAsync(t, ct));
        if (organizer is null)
        {
            return await CardAsync(t, m, problems: [t.Say("Meeting.NoOrganizer")], ct: ct);
        }
        if (MeetingRules.Propose(m, data.Revision, plan, SlotSearchOf([])).Refusal is { } refusal)
        {
            return await RefusedAsync(t, m, refusal, ct);
        }
        var (search, failure) = await SearchAsync(t.Vpi, plan, organizer, ct);
        if (search is null)
        {
            return await CardAsync(t, m, problems: [GraphProblemText(t, failure!, organizer)], proposal: m.Status != MeetingStatus.Booked, ct: ct);
        }
        var (proposed, again) = MeetingRules.Propose(m, data.Revision, plan, search);
        if (proposed is null)
        {
            return await RefusedAsync(t, m, again!.Value, ct);
        }
        return await SaveAsync(t, read, proposed, [], null, ct, proposal: true);
    }

    /// <summary>
    /// A time chosen. A proposal is claimed first (saved as being booked, the slot noted), so that of two facilitators
    /// clicking at once only one asks Graph; then Graph creates the event — with the meeting's own transaction id, so a
    /// retry after a timeout returns the same event — and the meeting is saved booked, its card posted in the channel.
    /// Graph not answering leaves it being booked, to try again; Graph refusing puts the times back to choose from.
    /// A booked meeting is moved instead (the event's times patched; Graph tells the attendees).
    /// </summary>
    public async Task<Answer> BookAsync(VpiTurn t, BookMeetingSlot data, CancellationToken ct)
    {
        if (await meetings.GetAsync(t.Vpi.Id, data.Number, ct) is not { } read)
        {
            return t.Refuse(Refusal.StaleCard);
        }
        var m = read.Item;
        var organizer = m.Organizer ?? Organizer(await CallerWithEmailAsync(t, ct));
        if (organizer is null)
        {
            return await CardAsync(t, m, problems: [t.Say("Meeting.NoOrganizer")], ct: ct);
        }
        var (chosen, refusal) = MeetingRules.Choose(m, data.Revision, data.Slot, organizer);
        if (chosen is null)
        {
            return await RefusedAsync(t, m, refusal!.Value, ct);
        }
        if (m.Status == MeetingStatus.Booked)
        {
            var moved = await graph.RescheduleAsync(m.Organizer, m.EventId!, chosen.Start!.Value, chosen.End!.Value, ct);
            return moved.Failure is { } failure
                ? await CardAsync(t, m, problems: [GraphProblemText(t, failure, organizer)], proposal: true, ct: ct)
                : await SaveAsync(t, read, chosen, [new MeetingChanged(t.Vpi.Id, m.Number, t.Culture.Name)], t.Say("Meeting.Moved"), ct);
        }
        if (!ReferenceEquals(chosen, m))
        {
            try
            {
                read = await meetings.SaveAsync(t.Vpi.Id, read, chosen, [], ct);
            }
            catch (ConcurrencyConflictException)
            {
                return await NowAsync(t, data.Number, ct); // another click claimed it first
            }
        }
        var claimed = read.Item;
        var plan = claimed.Plan;
        var created = await graph.CreateOnlineMeetingAsync(claimed.Organizer, plan.Title, MeetingText.Agenda(t.Vpi, claimed, t.Culture), claimed.Start!.Value, claimed.End!.Value,
            // the organizer is not their own attendee: the event is in their calendar
            [.. plan.Invitees.Where(i => !claimed.IsOrganizer(i)).Select(i => new MeetingAttendee(i.Address, i.Name, i.Required))],
            claimed.TransactionId(t.Vpi.Id), ct, Recurrence(t.Vpi, claimed));
        if (created.Failure is { } problem)
        {
            log.LogWarning("Booking meeting {Number} of VPI {Vpi} failed: {Problem}", claimed.Number, t.Vpi.Id, problem.Problem); // the reason names mailboxes: not logged
            if (problem.Problem is GraphProblem.Unavailable or GraphProblem.Throttled)
            {
                return await CardAsync(t, claimed, problems: [GraphProblemText(t, problem, organizer)], ct: ct); // still claimed: "Try again"
            }
            return await SaveAsync(t, read, MeetingRules.BookingFailed(claimed), [], null, ct, [GraphProblemText(t, problem, organizer)]);
        }
        var booked = MeetingRules.Booked(claimed, created.Value!.EventId, created.Value.JoinUrl);
        return await SaveAsync(t, read, booked,
            [new MeetingBooked(t.Vpi.Id, booked.Number, t.Culture.Name, t.Turn.Activity.Recipient?.Id ?? "", t.Turn.Place.ServiceUrl)],
            t.Say("Meeting.Booked"), ct);
    }

    /// <summary>"Cancel the meeting": the event cancelled in Graph (which tells the attendees, with the comment), or a proposal given up.</summary>
    public async Task<Answer> CancelAsync(VpiTurn t, CancelMeeting data, CancellationToken ct)
    {
        if (await meetings.GetAsync(t.Vpi.Id, data.Number, ct) is not { } read)
        {
            return t.Refuse(Refusal.StaleCard);
        }
        var m = read.Item;
        var comment = data.Comment?.Trim() is { Length: > 0 } typed ? typed : null;
        if (comment is { Length: > MeetingCard.MaxComment })
        {
            return await CardAsync(t, m, problems: [t.Say("Meeting.CommentTooLong", MeetingCard.MaxComment)], ct: ct);
        }
        var (cancelled, refusal) = MeetingRules.Cancel(m, data.Revision, t.Caller!.Name, comment);
        if (cancelled is null)
        {
            return await RefusedAsync(t, m, refusal!.Value, ct);
        }
        if (m.Status == MeetingStatus.Booking)
        {
            return await CardAsync(t, m, problems: [t.Say("Meeting.Refusal.BookingElsewhere")], ct: ct);
        }
        if (m is { Status: MeetingStatus.Booked, EventId: { } eventId })
        {
            var done = await graph.CancelAsync(m.Organizer, eventId, comment ?? t.Say("Meeting.CancelledDefault", t.Caller.Name), ct);
            if (done.Failure is { } failure && failure.Problem != GraphProblem.EventNotFound)
            {
                return await CardAsync(t, m, problems: [GraphProblemText(t, failure, m.Organizer ?? "")], ct: ct);
            }
        }
        return await SaveAsync(t, read, cancelled, m.Status == MeetingStatus.Booked ? [new MeetingChanged(t.Vpi.Id, m.Number, t.Culture.Name)] : [],
            t.Say("Meeting.Cancelled"), ct);
    }

    /// <summary>The card's refresh, "Show replies", a meeting opened from the list: the replies read from the event now (kept when they changed).</summary>
    public async Task<Answer> ViewAsync(VpiTurn t, ViewMeeting data, CancellationToken ct) =>
        await meetings.GetAsync(t.Vpi.Id, data.Number, ct) is { } read ? await FreshAsync(t, read, ct) : t.Refuse(Refusal.StaleCard);

    /// <summary>"meeting N" ("3", "#3", "M3").</summary>
    public async Task<Answer> ShowAsync(VpiTurn t, string arguments, CancellationToken ct) =>
        (ItemNumbers.Parse(arguments, 'M') is { } n ? await meetings.GetAsync(t.Vpi.Id, n, ct) : null) is { } read
            ? await FreshAsync(t, read, ct)
            : Answer.Text(t.Say("Meeting.NotFound"));

    /// <summary>
    /// "next meeting [kind]": the next booked meeting (of that kind: "VpiLaunch", or as a question names it), with its
    /// replies read from the event; none booked, it says so and when the last one was.
    /// </summary>
    public async Task<Answer> NextAsync(VpiTurn t, string arguments, CancellationToken ct)
    {
        var kind = MeetingInput.Kind(arguments);
        var all = await meetings.ListAsync(t.Vpi.Id, ct);
        var now = time.GetUtcNow();
        var ofKind = all.Where(v => kind is null || v.Item.Plan.Kind == kind).ToList();
        if (ofKind.Where(v => v.Item.IsUpcoming(now)).MinBy(v => v.Item.Start) is { } next)
        {
            return await FreshAsync(t, next, ct);
        }
        var what = kind is { } k ? MeetingParts.Kind(k, t.Culture) : t.Say("Meeting.AnyKind");
        return ofKind.Where(v => v.Item is { Status: MeetingStatus.Booked, Start: not null }).MaxBy(v => v.Item.Start) is { Item.Start: { } last }
            ? Answer.Text(t.Say("Meeting.NoneUpcomingLast", what, Labels.Date(TimeZones.ToLocal(last, t.Vpi.TimeZone ?? TimeZones.Utc).Date, t.Culture)))
            : Answer.Text(t.Say("Meeting.NoneUpcoming", what));
    }

    /// <summary>"meetings": the upcoming ones, soonest first, then those not booked yet; paged.</summary>
    public async Task<Answer> ListAsync(VpiTurn t, int page, CancellationToken ct) =>
        Answer.Card(MeetingListCard.Build(t.Vpi, (await meetings.ListAsync(t.Vpi.Id, ct)).Select(v => v.Item).ToList(), time.GetUtcNow(), page, t.Culture));

    private async Task<Answer> FreshAsync(VpiTurn t, Versioned<Meeting> read, CancellationToken ct)
    {
        var m = read.Item;
        if (m is not { Status: MeetingStatus.Booked, EventId: { } eventId })
        {
            return await CardAsync(t, m, ct: ct);
        }
        var state = await graph.GetMeetingAsync(m.Organizer, eventId, ct);
        if (state.Failure is { } failure)
        {
            log.LogWarning("Reading meeting {Number} of VPI {Vpi} from Graph failed: {Problem}", m.Number, t.Vpi.Id, failure.Problem);
            return await CardAsync(t, m, problems: [t.Say("Meeting.RepliesUnavailable")], ct: ct);
        }
        var s = state.Value!;
        var replies = s.Attendees.Where(a => a.Reply != AttendeeReply.Organizer)
            .GroupBy(a => a.Address, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => ToReply(g.First().Reply), StringComparer.OrdinalIgnoreCase);
        if (MeetingRules.Observed(m, replies, s.Start, s.End, s.IsCancelled, time.GetUtcNow()) is not { } changed)
        {
            return await CardAsync(t, m, ct: ct);
        }
        try
        {
            var saved = await meetings.SaveAsync(t.Vpi.Id, read, changed, [new MeetingChanged(t.Vpi.Id, m.Number, t.Culture.Name)], ct);
            return await CardAsync(t, saved.Item, ct: ct);
        }
        catch (ConcurrencyConflictException)
        {
            return await CardAsync(t, changed, ct: ct); // someone saved meanwhile; what Graph said is shown, theirs kept
        }
    }

    private static MeetingReply ToReply(AttendeeReply reply) => reply switch
    {
        AttendeeReply.Accepted => MeetingReply.Accepted,
        AttendeeReply.Tentative => MeetingReply.Tentative,
        AttendeeReply.Declined => MeetingReply.Declined,
        _ => MeetingReply.None,
    };

    /// <summary>
    /// The advisory board's recurrence: every six months on the same day, as many meetings as chosen, in the VPI's zone.
    /// </summary>
    private static MeetingRecurrence? Recurrence(Vpi vpi, Meeting m)
    {
        if (!m.Plan.Recurs || m.Start is not { } start)
        {
            return null;
        }
        var zone = vpi.TimeZone ?? TimeZones.Utc;
        return new MeetingRecurrence(6, TimeZones.ToLocal(start, zone).Date, null, m.Plan.Occurrences ?? 4, zone);
    }

    /// <summary>
    /// The caller, with their e-mail address: as on the roster, or else asked of Teams (the facilitator who set the VPI
    /// up is on the roster from their message, which carries none) and kept on the roster, so they are invited too.
    /// </summary>
    private async Task<Member> CallerWithEmailAsync(VpiTurn t, CancellationToken ct)
    {
        var caller = t.Caller!;
        if (!string.IsNullOrWhiteSpace(caller.Email))
        {
            return caller;
        }
        try
        {
            if (await connector.GetMemberAsync(t.Turn.Place.ServiceUrl, t.Turn.Place.ConversationId, caller.TeamsId, ct) is { Email: { Length: > 0 } email }
                && MeetingInput.IsAddress(email.Trim()))
            {
                var known = caller with { Email = email.Trim() };
                await vpis.ChangeRosterAsync(t.Current, known, null, ct);
                return known;
            }
        }
        catch (Exception e) when (e is ConnectorException or ConcurrencyConflictException or HttpRequestException)
        {
            log.LogInformation("No e-mail address for the caller from Teams ({Failure}).", e.GetType().Name); // who it was is not logged
        }
        return caller;
    }

    /// <summary>The organizer's mailbox: Graph:OrganizerMailbox when it names a shared one, else the facilitator's own.</summary>
    private string? Organizer(Member caller) =>
        !string.IsNullOrWhiteSpace(graphOptions.Value.OrganizerMailbox) ? graphOptions.Value.OrganizerMailbox.Trim()
        : string.IsNullOrWhiteSpace(caller.Email) ? null : caller.Email.Trim();

    /// <summary>Everyone's free/busy over the plan's days, and the best times in it; or why Graph could not say.</summary>
    private async Task<(SlotSearch? Search, GraphFailure? Failure)> SearchAsync(Vpi vpi, MeetingPlan plan, string organizer, CancellationToken ct)
    {
        var window = MeetingRules.Window(plan, vpi.TimeZone ?? TimeZones.Utc);
        var schedule = await graph.GetScheduleAsync(organizer, [.. plan.Invitees.Select(i => new MeetingAttendee(i.Address, i.Name, i.Required))], window.Start, window.End, ct);
        if (schedule.Failure is { } failure)
        {
            log.LogWarning("Free/busy for VPI {Vpi} failed: {Problem}", vpi.Id, failure.Problem);
            return (null, failure);
        }
        return (SlotFinder.Find(schedule.Value!, window, TimeSpan.FromMinutes(plan.Minutes), time.GetUtcNow()), null);
    }

    private static SlotSearch SlotSearchOf(IReadOnlyList<Slot> slots) => new(slots, null, []);

    /// <summary>What a facilitator can do about a Graph problem, in their language.</summary>
    private static string GraphProblemText(VpiTurn t, GraphFailure failure, string mailbox) => t.Say($"Meeting.Graph.{failure.Problem}", mailbox);

    private async Task<Answer> SaveAsync(VpiTurn t, Versioned<Meeting> read, Meeting changed, IReadOnlyList<IVpiEvent> events, string? notice, CancellationToken ct,
        IReadOnlyList<string>? problems = null, bool? proposal = null)
    {
        try
        {
            var saved = await meetings.SaveAsync(t.Vpi.Id, read, changed, events, ct);
            return await CardAsync(t, saved.Item, notice, problems, proposal, ct);
        }
        catch (ConcurrencyConflictException)
        {
            return await NowAsync(t, changed.Number, ct);
        }
    }

    /// <summary>Someone changed the meeting meanwhile: nothing saved; the meeting as it is now, saying so.</summary>
    private async Task<Answer> NowAsync(VpiTurn t, int number, CancellationToken ct) =>
        await meetings.GetAsync(t.Vpi.Id, number, ct) is { } now ? await CardAsync(t, now.Item, t.Say("Refusal.StaleCard"), ct: ct) : t.Refuse(Refusal.StaleCard);

    private async Task<Answer> RefusedAsync(VpiTurn t, Meeting m, MeetingRefusal refusal, CancellationToken ct) =>
        refusal == MeetingRefusal.CardOutOfDate
            ? await CardAsync(t, m, t.Say("Refusal.StaleCard"), ct: ct)
            : await CardAsync(t, m, problems: [t.Say($"Meeting.Refusal.{refusal}")], ct: ct);

    /// <summary>The meeting's card as the caller sees it: the times to choose from (while it is not booked, or when asked for new ones), else the meeting.</summary>
    private async Task<Answer> CardAsync(VpiTurn t, Meeting m, string? notice = null, IReadOnlyList<string>? problems = null, bool? proposal = null,
        CancellationToken ct = default) =>
        Answer.Card(proposal ?? m.Status is MeetingStatus.Proposed or MeetingStatus.Booking
            ? MeetingProposalCard.Build(t.Vpi, m, t.Culture, notice, problems, t.IsFacilitator)
            : MeetingCard.Build(t.Vpi, await reading.ShownAsync(t.Vpi, m, ct), t.IsFacilitator, t.Culture, notice, problems));
}
