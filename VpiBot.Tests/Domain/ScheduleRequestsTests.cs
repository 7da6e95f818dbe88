using VpiBot.Domain.Meetings;

namespace VpiBot.Tests.Domain;

/// <summary>The getSchedule calls a search needs: at most 20 addresses each, windows shorter than 42 days, views that join up.</summary>
public sealed class ScheduleRequestsTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static List<string> Addresses(int count) => [.. Enumerable.Range(1, count).Select(i => $"member{i}@unodc.org")];

    [Fact]
    public void Sixty_attendees_over_four_weeks_take_exactly_three_calls()
    {
        var addresses = Addresses(60);
        var calls = ScheduleRequests.Plan(addresses, Start, Start.AddDays(28));
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c =>
        {
            Assert.Equal(20, c.Schedules.Count);
            Assert.Equal(Start, c.Start);
            Assert.Equal(Start.AddDays(28), c.End);
        });
        Assert.Equal(addresses, calls.SelectMany(c => c.Schedules));
    }

    [Fact]
    public void Twenty_one_attendees_take_two_calls_and_duplicates_count_once()
    {
        Assert.Single(ScheduleRequests.Plan(Addresses(20), Start, Start.AddDays(7)));
        Assert.Equal([20, 1], ScheduleRequests.Plan(Addresses(21), Start, Start.AddDays(7)).Select(c => c.Schedules.Count));
        Assert.Single(ScheduleRequests.Plan([.. Addresses(20), "MEMBER1@unodc.org"], Start, Start.AddDays(7)));
        Assert.Empty(ScheduleRequests.Plan([], Start, Start.AddDays(7)));
        Assert.Empty(ScheduleRequests.Plan(Addresses(3), Start, Start));
    }

    [Fact]
    public void A_window_of_42_days_or_more_is_split_into_consecutive_pieces_shorter_than_42_days()
    {
        Assert.Single(ScheduleRequests.Plan(Addresses(5), Start, Start.AddDays(41)));
        var fortyTwo = ScheduleRequests.Plan(Addresses(5), Start, Start.AddDays(42));
        Assert.Equal(2, fortyTwo.Count);

        var calls = ScheduleRequests.Plan(Addresses(45), Start, Start.AddDays(90));
        Assert.Equal(3 * 3, calls.Count);
        foreach (var group in calls.GroupBy(c => c.Schedules[0]))
        {
            var pieces = group.OrderBy(c => c.Start).ToList();
            Assert.Equal(Start, pieces[0].Start);
            Assert.Equal(Start.AddDays(90), pieces[^1].End);
            for (var i = 0; i < pieces.Count; i++)
            {
                Assert.True(pieces[i].End - pieces[i].Start < ScheduleRequests.MaxSpan);
                Assert.Equal(0, (pieces[i].End - pieces[i].Start).Ticks % Availability.DefaultInterval.Ticks);
                if (i > 0)
                {
                    Assert.Equal(pieces[i - 1].End, pieces[i].Start);
                }
            }
        }
    }

    [Fact]
    public void The_views_of_a_split_window_join_into_one()
    {
        var hours = WorkingHours.Weekdays(new TimeOnly(9, 0), new TimeOnly(17, 0), "Europe/Vienna");
        var first = Availability.Known("a@unodc.org", true, Start, "0012", hours);
        var second = Availability.Known("a@unodc.org", true, Start.AddHours(2), "2100", hours);
        var joined = first.Then(second);
        Assert.Equal("00122100", joined.View);
        Assert.Equal(Presence.Busy, joined.During(Start.AddHours(1.5), Start.AddHours(2.5)));
        Assert.Throws<ArgumentException>(() => first.Then(Availability.Known("a@unodc.org", true, Start.AddHours(3), "00", hours)));
    }
}
