namespace VpiBot.Domain.Meetings;

/// <summary>
/// One getSchedule call (<c>POST /users/{organizer}/calendar/getSchedule</c>, app-only): the addresses it asks about
/// and the window [<see cref="Start"/>, <see cref="End"/>), with 30-minute intervals.
/// </summary>
public sealed record ScheduleRequest(IReadOnlyList<string> Schedules, DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// The getSchedule calls a search needs, pure. One call takes at most <see cref="MaxSchedules"/> addresses and a
/// window shorter than <see cref="MaxSpan"/> (https://learn.microsoft.com/en-us/graph/api/calendar-getschedule,
/// https://learn.microsoft.com/en-us/graph/outlook-get-free-busy-schedule), so a long list is cut into groups and a long
/// window into consecutive pieces, each a whole number of intervals so that the views join up
/// (<see cref="Availability.Then"/>).
/// </summary>
public static class ScheduleRequests
{
    /// <summary>The most addresses one call may ask about.</summary>
    public const int MaxSchedules = 20;

    /// <summary>A call's window must be shorter than this.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(42);

    /// <summary>The longest piece a window is cut into: under <see cref="MaxSpan"/> and a whole number of 30-minute intervals.</summary>
    public static readonly TimeSpan LongestPiece = MaxSpan - Availability.DefaultInterval;

    /// <summary>
    /// The calls for <paramref name="addresses"/> over [<paramref name="start"/>, <paramref name="end"/>): every group
    /// of at most 20 distinct addresses (case aside, in the order given) times every piece of the window, groups first.
    /// None when there is no address or the window is empty.
    /// </summary>
    public static IReadOnlyList<ScheduleRequest> Plan(IReadOnlyList<string> addresses, DateTimeOffset start, DateTimeOffset end)
    {
        var distinct = addresses.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count == 0 || end <= start)
        {
            return [];
        }
        var pieces = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        for (var from = start; from < end; from += LongestPiece)
        {
            var to = from + LongestPiece;
            pieces.Add((from, to < end ? to : end));
        }
        return [.. distinct.Chunk(MaxSchedules).SelectMany(group => pieces.Select(p => new ScheduleRequest(group, p.Start, p.End)))];
    }
}
