using System.Globalization;

namespace VpiBot.Domain;

/// <summary>What is wrong with a deadline typed on a card.</summary>
public enum DeadlineProblem { BadDate, BadTime, InPast, TooFar }

/// <summary>A deadline typed on a card (a ballot's, a consultation's) as a date and a time in the VPI's time zone, read strictly.</summary>
public static class Deadlines
{
    /// <summary>
    /// The instant a date (yyyy-MM-dd) and a time (HH:mm) in <paramref name="zone"/> mean, if it is more than
    /// <paramref name="minMinutes"/> and at most <paramref name="maxDays"/> days after <paramref name="now"/>.
    /// </summary>
    public static (DateTimeOffset? Deadline, DeadlineProblem? Problem) Read(string? date, string? time, string zone, DateTimeOffset now, int minMinutes, int maxDays)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (null, DeadlineProblem.BadDate);
        }
        if (!TimeOnly.TryParseExact(time, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return (null, DeadlineProblem.BadTime);
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // the day first: a date at the ends of the calendar has no instant in every zone
        if (day < today.AddDays(-1))
        {
            return (null, DeadlineProblem.InPast);
        }
        if (day > today.AddDays(maxDays + 1))
        {
            return (null, DeadlineProblem.TooFar);
        }
        var instant = TimeZones.ToInstant(day, at, zone);
        return instant <= now.AddMinutes(minMinutes) ? (null, DeadlineProblem.InPast)
            : instant > now.AddDays(maxDays) ? (null, DeadlineProblem.TooFar)
            : (instant, null);
    }
}
