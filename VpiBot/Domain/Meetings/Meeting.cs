namespace VpiBot.Domain.Meetings;

/// <summary>The meetings of a VPI (concept note §1.A activities 2, 3, 4 and 7; §2.B task forces and consultations; §2.C the advisory board).</summary>
public enum MeetingKind { GovernmentScoping, StakeholderScoping, VpiLaunch, TaskForce, Consultation, Briefing, AdvisoryBoard }

/// <summary>
/// Where a meeting is: times proposed and none booked yet; one being booked (the event asked of Graph, its answer not
/// yet saved); booked (an event in the organizer's calendar, the invitations sent); or cancelled.
/// </summary>
public enum MeetingStatus { Proposed, Booking, Booked, Cancelled }

/// <summary>What an invitee answered the invitation, as Graph has it.</summary>
public enum MeetingReply { None, Accepted, Tentative, Declined }

/// <summary>Someone invited: a roster member (<see cref="AadObjectId"/>) or an external address (null).</summary>
public sealed record Invitee(string Address, string Name, bool Required, string? AadObjectId = null)
{
    public bool IsExternal => AadObjectId is null;
}

/// <summary>What the meeting is: its title and agenda, who is invited, for how long, and within which days to find a time.</summary>
public sealed record MeetingPlan(
    MeetingKind Kind,
    string Title,
    string Agenda,
    IReadOnlyList<Invitee> Invitees,
    int Minutes,
    DateOnly From,
    DateOnly To,
    int? Occurrences = null)
{
    public const int MaxTitle = 200;
    public const int MaxAgenda = 2000;
    public const int MaxInvitees = 200;
    public const int MaxExternals = 20;
    public const int MaxWindowDays = 62;
    public static readonly IReadOnlyList<int> Durations = [30, 45, 60, 90, 120, 180, 240];
    public static readonly IReadOnlyList<int> OccurrenceChoices = [2, 4, 6, 10];

    /// <summary>The advisory board meets twice a year: a recurrence every six months.</summary>
    public bool Recurs => Kind == MeetingKind.AdvisoryBoard;
}

/// <summary>
/// A VPI's meeting, numbered per VPI. <see cref="Slots"/> are the times last proposed (at most three; for a booked
/// meeting, the alternatives to reschedule to); <see cref="NoSlot"/> why none was found. Booked, it has the event Graph
/// created in <see cref="Organizer"/>'s calendar, its join link, and the replies last read from it. Every change bumps
/// <see cref="Revision"/>, which cards carry so a button of an older card is recognised.
/// </summary>
public sealed record Meeting(
    int Number,
    MeetingPlan Plan,
    MeetingStatus Status,
    IReadOnlyList<Slot> Slots,
    NoSlotReason? NoSlot,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    string? Organizer,
    string? EventId,
    string? JoinUrl,
    IReadOnlyDictionary<string, MeetingReply> Replies,
    DateTimeOffset? RepliesAt,
    string CreatedBy,
    string CreatedByName,
    DateTimeOffset CreatedAt,
    int Revision,
    string? CancelledBy = null,
    string? CancelComment = null)
{
    /// <summary>Booked, and not ended yet (for a recurring one: its first occurrence).</summary>
    public bool IsUpcoming(DateTimeOffset now) => Status == MeetingStatus.Booked && End is { } end && end > now;

    /// <summary>Whether the invitee is the organizer (the meeting is in their calendar; they do not reply to it).</summary>
    public bool IsOrganizer(Invitee invitee) => string.Equals(invitee.Address, Organizer, StringComparison.OrdinalIgnoreCase);

    /// <summary>The Graph transaction id of this meeting's event: the same for every attempt, so a retried create returns the event already made.</summary>
    public string TransactionId(string vpiId) => $"vpi-{vpiId}-meeting-{Number}";
}

/// <summary>Why a meeting change is refused.</summary>
public enum MeetingRefusal { CardOutOfDate, NoSuchSlot, AlreadyCancelled, BookingElsewhere }

/// <summary>The rules of a meeting's life, pure.</summary>
public static class MeetingRules
{
    /// <summary>The kinds a VPI offers: the advisory board belongs to the menu's High level (concept note §2.C).</summary>
    public static IReadOnlyList<MeetingKind> Kinds(CollaborationLevel level) =>
        [.. Enum.GetValues<MeetingKind>().Where(k => k != MeetingKind.AdvisoryBoard || level == CollaborationLevel.High)];

    /// <summary>The activity a meeting of this kind carries out, which its facilitator is asked to mark done after it.</summary>
    public static VpiStage? Stage(MeetingKind kind) => kind switch
    {
        MeetingKind.GovernmentScoping => VpiStage.GovernmentScoping,
        MeetingKind.StakeholderScoping => VpiStage.StakeholderScoping,
        MeetingKind.VpiLaunch => VpiStage.LaunchMeeting,
        _ => null,
    };

    /// <summary>
    /// Whether a member is invited to a meeting of this kind by default, and as required: the government's review team
    /// to its scoping meeting, the alliance to theirs, everyone to the launch, the briefing and the advisory board; the
    /// alliance (required) and the review team (optional) to a consultation; the facilitators always. Task forces are
    /// small: the facilitator picks them. Null: not invited.
    /// </summary>
    public static bool? Invited(MeetingKind kind, VpiRole role) => (kind, role) switch
    {
        (_, VpiRole.Facilitator) => true,
        (MeetingKind.GovernmentScoping, VpiRole.ReviewTeam) => true,
        (MeetingKind.StakeholderScoping, VpiRole.Alliance) => true,
        (MeetingKind.VpiLaunch or MeetingKind.Briefing or MeetingKind.AdvisoryBoard, _) => true,
        (MeetingKind.Consultation, VpiRole.Alliance) => true,
        (MeetingKind.Consultation, VpiRole.ReviewTeam) => false,
        _ => null,
    };

    /// <summary>A new meeting with the times found for it (or none, and why).</summary>
    public static Meeting Create(int number, MeetingPlan plan, SlotSearch search, string by, string byName, DateTimeOffset now) =>
        new(number, plan, MeetingStatus.Proposed, search.Slots, search.Reason, null, null, null, null, null,
            new Dictionary<string, MeetingReply>(), null, by, byName, now, 1);

    /// <summary>New times proposed: for a meeting not booked yet, with its plan's new window; for a booked one, to move it to.</summary>
    public static (Meeting? Meeting, MeetingRefusal? Refusal) Propose(Meeting m, int revision, MeetingPlan plan, SlotSearch search)
    {
        if (revision != m.Revision)
        {
            return (null, MeetingRefusal.CardOutOfDate);
        }
        if (m.Status is MeetingStatus.Cancelled or MeetingStatus.Booking)
        {
            return (null, m.Status == MeetingStatus.Cancelled ? MeetingRefusal.AlreadyCancelled : MeetingRefusal.BookingElsewhere);
        }
        return (m with { Plan = plan, Slots = search.Slots, NoSlot = search.Reason, Revision = m.Revision + 1 }, null);
    }

    /// <summary>
    /// The facilitator chose one of the times proposed on the card of <paramref name="revision"/>: a proposed meeting
    /// is claimed for booking (the slot noted, so a second click or a retry books the same one); a booked meeting is
    /// moved to it. A booking left unfinished (Graph did not answer) is tried again with the same slot only.
    /// </summary>
    public static (Meeting? Meeting, MeetingRefusal? Refusal) Choose(Meeting m, int revision, int slot, string organizer)
    {
        if (m.Status == MeetingStatus.Booking && revision == m.Revision)
        {
            return (m, null); // "Try again": the claimed slot, unchanged
        }
        if (revision != m.Revision)
        {
            return (null, MeetingRefusal.CardOutOfDate);
        }
        if (m.Status == MeetingStatus.Cancelled)
        {
            return (null, MeetingRefusal.AlreadyCancelled);
        }
        if (slot < 0 || slot >= m.Slots.Count)
        {
            return (null, MeetingRefusal.NoSuchSlot);
        }
        var chosen = m.Slots[slot];
        return m.Status == MeetingStatus.Proposed
            ? (m with { Status = MeetingStatus.Booking, Start = chosen.Start, End = chosen.End, Organizer = organizer, Revision = m.Revision + 1 }, null)
            : (m with { Start = chosen.Start, End = chosen.End, Slots = [], NoSlot = null, Revision = m.Revision + 1 }, null);
    }

    /// <summary>Graph created the event: the meeting is booked, at the times Graph has it.</summary>
    public static Meeting Booked(Meeting m, string eventId, string? joinUrl) =>
        m with { Status = MeetingStatus.Booked, EventId = eventId, JoinUrl = joinUrl, Slots = [], NoSlot = null, Revision = m.Revision + 1 };

    /// <summary>Graph refused the booking for good (no permission, no mailbox): the times stay proposed, to try again.</summary>
    public static Meeting BookingFailed(Meeting m) =>
        m with { Status = MeetingStatus.Proposed, Start = null, End = null, Organizer = null, Revision = m.Revision + 1 };

    /// <summary>Cancelled: a booked meeting after Graph cancelled its event, or a proposal given up.</summary>
    public static (Meeting? Meeting, MeetingRefusal? Refusal) Cancel(Meeting m, int revision, string by, string? comment)
    {
        if (m.Status == MeetingStatus.Cancelled)
        {
            return (null, MeetingRefusal.AlreadyCancelled);
        }
        if (revision != m.Revision)
        {
            return (null, MeetingRefusal.CardOutOfDate);
        }
        return (m with { Status = MeetingStatus.Cancelled, Slots = [], CancelledBy = by, CancelComment = comment, Revision = m.Revision + 1 }, null);
    }

    /// <summary>
    /// The event as Graph has it now (replies, times — moved in Outlook, say — and whether it was cancelled there);
    /// null when that is what is kept already (nothing to save).
    /// </summary>
    public static Meeting? Observed(Meeting m, IReadOnlyDictionary<string, MeetingReply> replies, DateTimeOffset start, DateTimeOffset end, bool cancelled, DateTimeOffset now)
    {
        var sameReplies = replies.Count == m.Replies.Count && replies.All(r => m.Replies.TryGetValue(r.Key, out var kept) && kept == r.Value);
        if (sameReplies && m.Start == start && m.End == end && cancelled == (m.Status == MeetingStatus.Cancelled))
        {
            return null;
        }
        return m with
        {
            Replies = new Dictionary<string, MeetingReply>(replies, StringComparer.OrdinalIgnoreCase),
            RepliesAt = now,
            Start = start,
            End = end,
            Status = cancelled ? MeetingStatus.Cancelled : m.Status,
            Revision = m.Revision + 1,
        };
    }

    /// <summary>
    /// The window a plan's days mean: from the start of <see cref="MeetingPlan.From"/> to the end of
    /// <see cref="MeetingPlan.To"/> in the VPI's zone.
    /// </summary>
    public static TimeWindow Window(MeetingPlan plan, string zone) =>
        new(TimeZones.ToInstant(plan.From, TimeOnly.MinValue, zone), TimeZones.ToInstant(plan.To.AddDays(1), TimeOnly.MinValue, zone));
}
