using System.Globalization;

namespace VpiBot.Domain;

/// <summary>Why an owner is reminded of a task: some days before its due day, on the day, or weekly while it is overdue.</summary>
public enum ReminderKind { Before, Due, Overdue }

/// <summary>
/// One reminder of one task to one owner: its kind, the day it belongs to (in the zone it was computed for) and the
/// instant it comes (09:00 that day). <see cref="Key"/> names it for sending it once.
/// </summary>
public sealed record ReminderOccasion(ReminderKind Kind, DateOnly Date, DateTimeOffset At)
{
    public string Key(int task, string owner) =>
        $"reminder|task|{task.ToString("D6", CultureInfo.InvariantCulture)}|{owner.ToLowerInvariant()}|{Kind.ToString().ToLowerInvariant()}|{Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

/// <summary>One week's digest: the day and instant it comes, and the ISO week it is named by (<c>2027-W11</c>).</summary>
public sealed record DigestOccasion(DateOnly Date, DateTimeOffset At, string Week)
{
    public string Key => "digest|" + Week;
}

/// <summary>
/// When a roadmap's reminders and digests come, pure. Each comes at a local time on a day; only the <b>latest</b> one
/// that has come is due, so a bot that was down for a week sends one late reminder, not several. Days and times are
/// read in a zone with <see cref="TimeZones"/> (daylight saving time included).
/// </summary>
public static class ReminderSchedule
{
    /// <summary>The local time owners are reminded at.</summary>
    public static readonly TimeOnly ReminderTime = new(9, 0);

    /// <summary>
    /// The reminder of <paramref name="task"/> due now for <paramref name="owner"/>, read in <paramref name="zone"/>
    /// (the owner's own zone when known, else the VPI's): the latest of <paramref name="daysBefore"/> days before the
    /// due day (none when 0), the due day, and every seventh day after it, at 09:00, that has come — or null when
    /// none has, the task is closed, the person is not one of its owners, or the latest came before the task existed
    /// (its owners learnt of it when it was created).
    /// </summary>
    public static ReminderOccasion? Due(RoadmapTask task, string owner, DateTimeOffset now, string zone, int daysBefore)
    {
        if (!task.IsOpen || !task.IsOwner(owner))
        {
            return null;
        }
        var (today, _) = TimeZones.ToLocal(now, zone);
        var candidates = new List<(ReminderKind Kind, DateOnly Date)>();
        var weeks = (today.DayNumber - task.Due.DayNumber) / 7;
        for (var k = weeks; k >= Math.Max(1, weeks - 1); k--)
        {
            candidates.Add((ReminderKind.Overdue, task.Due.AddDays(7 * k)));
        }
        candidates.Add((ReminderKind.Due, task.Due));
        if (daysBefore > 0)
        {
            candidates.Add((ReminderKind.Before, task.Due.AddDays(-daysBefore)));
        }
        foreach (var (kind, date) in candidates)
        {
            var at = TimeZones.ToInstant(date, ReminderTime, zone);
            if (at <= now)
            {
                return at >= task.CreatedAt ? new ReminderOccasion(kind, date, at) : null;
            }
        }
        return null;
    }

    /// <summary>The latest digest time (<paramref name="day"/> at <paramref name="time"/> in <paramref name="zone"/>) that has come.</summary>
    public static DigestOccasion LatestDigest(DateTimeOffset now, string zone, DayOfWeek day, TimeOnly time)
    {
        var (today, _) = TimeZones.ToLocal(now, zone);
        var date = today.AddDays(-(((int)today.DayOfWeek - (int)day + 7) % 7));
        var at = TimeZones.ToInstant(date, time, zone);
        if (at > now)
        {
            date = date.AddDays(-7);
            at = TimeZones.ToInstant(date, time, zone);
        }
        var day0 = date.ToDateTime(TimeOnly.MinValue);
        return new DigestOccasion(date, at,
            $"{ISOWeek.GetYear(day0).ToString(CultureInfo.InvariantCulture)}-W{ISOWeek.GetWeekOfYear(day0).ToString("D2", CultureInfo.InvariantCulture)}");
    }
}
