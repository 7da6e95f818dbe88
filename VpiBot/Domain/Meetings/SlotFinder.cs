namespace VpiBot.Domain.Meetings;

/// <summary>The span a meeting may be found in: [<see cref="Start"/>, <see cref="End"/>).</summary>
public sealed record TimeWindow(DateTimeOffset Start, DateTimeOffset End);

/// <summary>What one attendee is in a proposed slot.</summary>
public sealed record AttendeePresence(string Address, bool Required, Presence Presence);

/// <summary>
/// A proposed slot [<see cref="Start"/>, <see cref="End"/>) and every attendee's presence in it. Externals are
/// <see cref="Presence.Unknown"/>, never counted free.
/// </summary>
public sealed record Slot(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<AttendeePresence> Attendees)
{
    public IReadOnlyList<string> Free => Of(Presence.Free);
    public IReadOnlyList<string> Tentative => Of(Presence.Tentative);
    public IReadOnlyList<string> Busy => Of(Presence.Busy);
    public IReadOnlyList<string> OutsideHours => Of(Presence.OutsideHours);
    public IReadOnlyList<string> Unknown => Of(Presence.Unknown);

    private List<string> Of(Presence presence) => [.. Attendees.Where(a => a.Presence == presence).Select(a => a.Address)];
}

/// <summary>Why no slot was found, for the card to say so and offer to widen the window.</summary>
public enum NoSlotReason
{
    /// <summary>Graph knows none of the attendees (externals only, or nobody at all).</summary>
    NoKnownAttendees,
    /// <summary>No slot of the duration fits in the window (too short, or already past).</summary>
    WindowTooShort,
    /// <summary>The required attendees' working hours never overlap for that long within the window.</summary>
    NoCommonWorkingHours,
    /// <summary>Their hours overlap, but some required attendee is busy in every such slot.</summary>
    EveryoneBusy,
}

/// <summary>The slots proposed, best first (at most three) — or none and why; and notes on how Graph's data was read.</summary>
public sealed record SlotSearch(IReadOnlyList<Slot> Slots, NoSlotReason? Reason, IReadOnlyList<string> Notes)
{
    public bool Found => Slots.Count > 0;
}

/// <summary>
/// Finds meeting slots from getSchedule's answers, pure (Graph's <c>findMeetingTimes</c> is delegated-only, so the bot
/// finds them itself). Candidates start on the 30-minute grid (UTC half hours) inside the window. A slot is usable
/// when every required attendee Graph knows is free or at worst tentative throughout, and the whole slot lies inside
/// that attendee's working hours on that local day, read in their own zone (Windows or IANA name) with daylight saving
/// time as it is on that day. Required attendees Graph does not know (externals) do not block a slot, and optional
/// attendees never do. Usable slots rank: required attendees all free before some tentative; then the most optional
/// attendees free (inside their own hours); then the earliest. The best three that do not overlap one another are
/// proposed, so each is a real alternative.
/// </summary>
public static class SlotFinder
{
    /// <summary>The grid slots start on.</summary>
    public static readonly TimeSpan Grid = TimeSpan.FromMinutes(30);

    /// <summary>How many slots are proposed.</summary>
    public const int Proposals = 3;

    /// <summary>The zone name Graph gives a zone the user defined themselves.</summary>
    public const string CustomizedTimeZone = "Customized Time Zone";

    /// <summary>
    /// The best slots of <paramref name="duration"/> in <paramref name="window"/> for <paramref name="attendees"/>,
    /// none starting before <paramref name="now"/> when given; or none, with the reason.
    /// </summary>
    public static SlotSearch Find(IReadOnlyList<Availability> attendees, TimeWindow window, TimeSpan duration, DateTimeOffset? now = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var notes = new List<string>();
        var people = attendees.Select(a => new Person(a, ZoneOf(a, notes))).ToList();
        if (!people.Any(p => p.Availability.IsKnown))
        {
            return new SlotSearch([], NoSlotReason.NoKnownAttendees, notes);
        }

        var from = window.Start;
        if (now is { } n && n > from)
        {
            from = n;
        }
        var first = RoundUp(from);
        var anyFits = false;
        var anyInHours = false;
        var usable = new List<(Slot Slot, int TentativeRequired, int OptionalFree)>();
        for (var start = first; start + duration <= window.End; start += Grid)
        {
            anyFits = true;
            var end = start + duration;
            var presences = people.Select(p => new AttendeePresence(p.Availability.Address, p.Availability.Required, p.During(start, end))).ToList();
            var required = presences.Where((a, i) => a.Required && people[i].Availability.IsKnown).ToList();
            if (required.Any(a => a.Presence == Presence.OutsideHours))
            {
                continue;
            }
            anyInHours = true;
            if (required.Any(a => a.Presence is not (Presence.Free or Presence.Tentative)))
            {
                continue;
            }
            usable.Add((new Slot(start, end, presences),
                required.Count(a => a.Presence == Presence.Tentative),
                presences.Count(a => !a.Required && a.Presence == Presence.Free)));
        }

        var chosen = new List<Slot>();
        foreach (var (slot, _, _) in usable.OrderBy(u => u.TentativeRequired).ThenByDescending(u => u.OptionalFree).ThenBy(u => u.Slot.Start))
        {
            if (chosen.Count == Proposals)
            {
                break;
            }
            if (!chosen.Any(c => c.Start < slot.End && slot.Start < c.End))
            {
                chosen.Add(slot);
            }
        }
        if (chosen.Count > 0)
        {
            return new SlotSearch(chosen, null, notes);
        }
        var reason = !anyFits ? NoSlotReason.WindowTooShort : !anyInHours ? NoSlotReason.NoCommonWorkingHours : NoSlotReason.EveryoneBusy;
        return new SlotSearch([], reason, notes);
    }

    /// <summary>
    /// The zone a name from Graph means: a Windows or an IANA name, as this machine knows it (ICU maps Windows names on
    /// Linux); null when it knows neither (a customized zone among them).
    /// </summary>
    public static TimeZoneInfo? Zone(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        if (TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
        {
            return zone;
        }
        return TimeZoneInfo.TryConvertWindowsIdToIanaId(name, out var iana) && TimeZoneInfo.TryFindSystemTimeZoneById(iana, out zone) ? zone : null;
    }

    /// <summary>The zone an attendee's working hours are read in: theirs, or UTC with a note when it cannot be read.</summary>
    private static TimeZoneInfo ZoneOf(Availability attendee, List<string> notes)
    {
        if (attendee.Hours is not { } hours)
        {
            return TimeZoneInfo.Utc;
        }
        if (Zone(hours.TimeZone) is { } zone)
        {
            return zone;
        }
        notes.Add(hours.TimeZone == CustomizedTimeZone
            ? $"{attendee.Address}: working hours are in a customized time zone; read as UTC."
            : $"{attendee.Address}: unknown time zone \"{hours.TimeZone}\"; working hours read as UTC.");
        return TimeZoneInfo.Utc;
    }

    private static DateTimeOffset RoundUp(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        var rest = ticks % Grid.Ticks;
        return new DateTimeOffset(rest == 0 ? ticks : ticks - rest + Grid.Ticks, TimeSpan.Zero);
    }

    /// <summary>An attendee with the zone their working hours are read in.</summary>
    private sealed record Person(Availability Availability, TimeZoneInfo Zone)
    {
        /// <summary>Outside their hours, else what their view says; unknown for an address Graph does not know.</summary>
        public Presence During(DateTimeOffset start, DateTimeOffset end) =>
            !Availability.IsKnown ? Presence.Unknown
            : !InsideHours(start, end) ? Presence.OutsideHours
            : Availability.During(start, end);

        /// <summary>
        /// Whether the whole slot lies inside the working day its start falls on, read on the clock of their zone
        /// (so daylight saving time moves the hours in UTC). No working hours from Graph: no limit.
        /// </summary>
        private bool InsideHours(DateTimeOffset start, DateTimeOffset end)
        {
            if (Availability.Hours is not { } hours)
            {
                return true;
            }
            var local = TimeZoneInfo.ConvertTime(start, Zone).DateTime;
            var day = DateOnly.FromDateTime(local);
            if (!hours.Days.Contains(day.DayOfWeek))
            {
                return false;
            }
            var dayStart = Instant(day, hours.Start);
            var dayEnd = hours.End > hours.Start ? Instant(day, hours.End) : Instant(day.AddDays(1), hours.End);
            return start >= dayStart && end <= dayEnd;
        }

        /// <summary>The instant a local date and time means in the zone (a skipped time moves forward by the gap; a repeated one is its first occurrence).</summary>
        private DateTimeOffset Instant(DateOnly date, TimeOnly time)
        {
            var local = date.ToDateTime(time, DateTimeKind.Unspecified);
            var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max()
                : Zone.IsInvalidTime(local) ? Zone.GetUtcOffset(local.AddDays(-1))
                : Zone.GetUtcOffset(local);
            return new DateTimeOffset(local, offset);
        }
    }
}
