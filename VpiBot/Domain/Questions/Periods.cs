namespace VpiBot.Domain.Questions;

/// <summary>The days a period means, seen from a day (the VPI's today). Weeks run Monday to Sunday (ISO 8601).</summary>
public static class Periods
{
    public static (DateOnly From, DateOnly To) Days(Period period, DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        return period switch
        {
            Period.Today => (today, today),
            Period.ThisWeek => (today, monday.AddDays(6)),
            Period.NextWeek => (monday.AddDays(7), monday.AddDays(13)),
            Period.ThisMonth => (today, firstOfMonth.AddMonths(1).AddDays(-1)),
            Period.NextMonth => (firstOfMonth.AddMonths(1), firstOfMonth.AddMonths(2).AddDays(-1)),
            _ => throw new ArgumentOutOfRangeException(nameof(period)),
        };
    }
}
