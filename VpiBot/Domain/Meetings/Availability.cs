namespace VpiBot.Domain.Meetings;

// What Microsoft Graph's getSchedule returns, in our own minimal shapes (not the SDK's). References:
//   calendar: getSchedule            https://learn.microsoft.com/en-us/graph/api/calendar-getschedule
//   scheduleInformation resource     https://learn.microsoft.com/en-us/graph/api/resources/scheduleinformation
//   workingHours resource            https://learn.microsoft.com/en-us/graph/api/resources/workinghours
//   free/busy how-to                 https://learn.microsoft.com/en-us/graph/outlook-get-free-busy-schedule

/// <summary>
/// An attendee's working hours as Graph returns them (<c>workingHours</c>): the days they work, and the local start and
/// end of each working day in <see cref="TimeZone"/> — a Windows name ("W. Europe Standard Time"), an IANA name
/// ("Europe/Vienna"), or "Customized Time Zone" for a zone the user defined themselves (read as UTC, with a note).
/// An end of 00:00 means midnight at the end of the day.
/// </summary>
public sealed record WorkingHours(IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End, string TimeZone)
{
    /// <summary>Monday to Friday, from <paramref name="start"/> to <paramref name="end"/> in <paramref name="zone"/>.</summary>
    public static WorkingHours Weekdays(TimeOnly start, TimeOnly end, string zone) =>
        new([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], start, end, zone);
}

/// <summary>What one interval of an availability view says about an attendee, or what we know of them in a slot.</summary>
public enum Presence
{
    /// <summary>Free (digit 0), or working elsewhere (digit 4, which Graph mostly reports as 0 anyway).</summary>
    Free,
    /// <summary>Tentative (digit 1).</summary>
    Tentative,
    /// <summary>Busy (digit 2) or out of office (digit 3), or any digit Graph has not documented.</summary>
    Busy,
    /// <summary>Free or not, the slot is outside the attendee's working hours.</summary>
    OutsideHours,
    /// <summary>Graph knows nothing of the attendee (an external address), or its view does not cover the slot.</summary>
    Unknown,
}

/// <summary>Graph's reason for not knowing an address (<c>freeBusyError</c>: its message and response code).</summary>
public sealed record ScheduleError(string Message, string ResponseCode);

/// <summary>
/// One attendee's availability over the searched window, from one <c>scheduleInformation</c> of getSchedule: their
/// address, whether they are required, and either the availability view — one digit per <see cref="Interval"/> from
/// <see cref="ViewStart"/> (the request's start): 0 free, 1 tentative, 2 busy, 3 out of office, 4 working elsewhere —
/// with their working hours, or Graph's <see cref="Error"/> for an address it knows nothing about (an external one).
/// </summary>
public sealed record Availability(
    string Address,
    bool Required,
    DateTimeOffset ViewStart,
    TimeSpan Interval,
    string View,
    WorkingHours? Hours,
    ScheduleError? Error)
{
    /// <summary>The interval of the views we ask for: 30 minutes (Graph's default).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(30);

    /// <summary>Whether Graph knows the attendee (returned a view rather than an error).</summary>
    public bool IsKnown => Error is null;

    /// <summary>An attendee Graph knows: their view from <paramref name="viewStart"/> and their working hours (null when Graph gave none).</summary>
    public static Availability Known(string address, bool required, DateTimeOffset viewStart, string view, WorkingHours? hours, TimeSpan? interval = null) =>
        new(address, required, viewStart, interval ?? DefaultInterval, view, hours, null);

    /// <summary>An address Graph knows nothing about, with the error it gave.</summary>
    public static Availability Unknown(string address, bool required, ScheduleError error) =>
        new(address, required, default, DefaultInterval, "", null, error);

    /// <summary>What one digit of a view means (an undocumented digit counts as busy, to be safe).</summary>
    public static Presence Digit(char digit) => digit switch
    {
        '0' or '4' => Presence.Free,
        '1' => Presence.Tentative,
        _ => Presence.Busy,
    };

    /// <summary>
    /// The attendee's availability over [<paramref name="start"/>, <paramref name="end"/>): the worst digit of every
    /// interval the span overlaps, even by a minute — busy over tentative over free; unknown when Graph does not know
    /// them or the view does not cover the whole span. Working hours are not looked at here.
    /// </summary>
    public Presence During(DateTimeOffset start, DateTimeOffset end)
    {
        if (!IsKnown || Interval <= TimeSpan.Zero || start < ViewStart || end <= start)
        {
            return Presence.Unknown;
        }
        var first = (long)Math.Floor((start - ViewStart) / Interval);
        var last = (long)Math.Ceiling((end - ViewStart) / Interval) - 1;
        if (last >= View.Length)
        {
            return Presence.Unknown;
        }
        var worst = Presence.Free;
        for (var i = first; i <= last; i++)
        {
            var presence = Digit(View[(int)i]);
            if (presence > worst)
            {
                worst = presence;
            }
        }
        return worst;
    }

    /// <summary>
    /// This attendee's availability followed by a later part of it (a window split across getSchedule calls, see
    /// <see cref="ScheduleRequests"/>): the views joined, when the later one starts where this one ends.
    /// </summary>
    public Availability Then(Availability later)
    {
        if (!IsKnown || !later.IsKnown)
        {
            return IsKnown ? later : this;
        }
        if (later.Interval != Interval || later.ViewStart != ViewStart + Interval * View.Length)
        {
            throw new ArgumentException($"The later view of {Address} does not start where this one ends.", nameof(later));
        }
        return this with { View = View + later.View, Hours = Hours ?? later.Hours };
    }
}
