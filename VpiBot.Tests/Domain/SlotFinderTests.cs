using VpiBot.Domain.Meetings;

namespace VpiBot.Tests.Domain;

/// <summary>
/// The slot finder over getSchedule's answers: working hours in each attendee's own zone (Windows or IANA names,
/// daylight saving time included), availability digits per interval, required before optional, externals unknown.
/// </summary>
public sealed class SlotFinderTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeOnly Nine = new(9, 0);
    private static readonly TimeOnly Five = new(17, 0);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>
    /// An attendee working 09:00–17:00 on weekdays in <paramref name="zone"/>, whose view covers [start, end) in
    /// 30-minute digits: free, except each mark's span set to its digit.
    /// </summary>
    private static Availability Person(string address, string zone, DateTimeOffset start, DateTimeOffset end, bool required = true,
        params (DateTimeOffset From, DateTimeOffset To, char Digit)[] marks)
    {
        var view = new char[(int)((end - start) / Availability.DefaultInterval)];
        for (var i = 0; i < view.Length; i++)
        {
            var at = start + Availability.DefaultInterval * i;
            var mark = marks.FirstOrDefault(m => at >= m.From && at < m.To);
            view[i] = mark.Digit == default ? '0' : mark.Digit;
        }
        return Availability.Known(address, required, start, new string(view), WorkingHours.Weekdays(Nine, Five, zone));
    }

    private static Availability External(string address, bool required = true) =>
        Availability.Unknown(address, required, new ScheduleError("The specified user is not found.", "ErrorMailRecipientNotFound"));

    /// <summary>Whether the slot lies within 09:00–17:00 on a weekday on the clock of an IANA zone (checked independently of the finder).</summary>
    private static bool WithinNineToFive(Slot slot, string ianaZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(ianaZone);
        var start = TimeZoneInfo.ConvertTime(slot.Start, zone);
        var end = TimeZoneInfo.ConvertTime(slot.End, zone);
        return start.Date == end.Date && start.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
            && start.TimeOfDay >= Nine.ToTimeSpan() && end.TimeOfDay <= Five.ToTimeSpan();
    }

    public static TheoryData<string, string, string, string> ZoneNames => new()
    {
        { "Europe/Vienna", "Africa/Nairobi", "America/New_York", "Asia/Bangkok" },
        { "W. Europe Standard Time", "E. Africa Standard Time", "Eastern Standard Time", "SE Asia Standard Time" },
    };

    [Theory]
    [MemberData(nameof(ZoneNames))]
    public void Vienna_Nairobi_and_Bangkok_meet_only_where_their_hours_overlap_and_New_York_never_overlaps_Bangkok(
        string vienna, string nairobi, string newYork, string bangkok)
    {
        // Mon 11 – Fri 15 January 2027, winter: Vienna 08–16 UTC, Nairobi 06–14, Bangkok 02–10, New York 14–22.
        var (from, to) = (Utc(1, 11, 0), Utc(1, 16, 0));
        var window = new TimeWindow(from, to);
        Availability[] everyone =
        [
            Person("vienna@unodc.org", vienna, from, to), Person("nairobi@unodc.org", nairobi, from, to),
            Person("newyork@unodc.org", newYork, from, to), Person("bangkok@unodc.org", bangkok, from, to),
        ];

        var allFour = SlotFinder.Find(everyone, window, Hour);
        Assert.Empty(allFour.Slots);
        Assert.Equal(NoSlotReason.NoCommonWorkingHours, allFour.Reason);

        var withoutNewYork = SlotFinder.Find([everyone[0], everyone[1], everyone[2] with { Required = false }, everyone[3]], window, Hour);
        Assert.Null(withoutNewYork.Reason);
        Assert.Empty(withoutNewYork.Notes);
        Assert.Equal([Utc(1, 11, 8), Utc(1, 11, 9), Utc(1, 12, 8)], withoutNewYork.Slots.Select(s => s.Start));
        Assert.All(withoutNewYork.Slots, slot =>
        {
            Assert.Equal(Hour, slot.End - slot.Start);
            Assert.True(WithinNineToFive(slot, "Europe/Vienna"));
            Assert.True(WithinNineToFive(slot, "Africa/Nairobi"));
            Assert.True(WithinNineToFive(slot, "Asia/Bangkok"));
            Assert.False(WithinNineToFive(slot, "America/New_York"));
            Assert.Equal(["vienna@unodc.org", "nairobi@unodc.org", "bangkok@unodc.org"], slot.Free);
            Assert.Equal(["newyork@unodc.org"], slot.OutsideHours);
        });

        // Vienna and New York alone: 14:00–16:00 UTC, i.e. two one-hour slots a day.
        var viennaNewYork = SlotFinder.Find([everyone[0], everyone[2]], new TimeWindow(Utc(1, 12, 0), Utc(1, 13, 0)), Hour);
        Assert.Equal([Utc(1, 12, 14), Utc(1, 12, 15)], viennaNewYork.Slots.Select(s => s.Start));
    }

    [Fact]
    public void Working_hours_follow_each_zones_own_daylight_saving_change()
    {
        // New York moves to summer time on 14 March 2027, Vienna on 28 March. Their 09:00–17:00 overlap in UTC:
        // until 12 March 14:00–16:00 (2 h); 15–26 March 13:00–16:00 (3 h); from 29 March 13:00–15:00 (2 h).
        static Availability[] Pair(DateTimeOffset from, DateTimeOffset to) =>
            [Person("vienna@unodc.org", "Europe/Vienna", from, to), Person("newyork@unodc.org", "America/New_York", from, to)];

        var (from, to) = (Utc(3, 8, 0), Utc(4, 3, 0));
        var threeHours = SlotFinder.Find(Pair(from, to), new TimeWindow(Utc(3, 26, 0), to), 3 * Hour);
        Assert.Equal([Utc(3, 26, 13)], threeHours.Slots.Select(s => s.Start));

        var beforeNewYorkMoves = SlotFinder.Find(Pair(from, to), new TimeWindow(Utc(3, 12, 0), Utc(3, 13, 0)), 2 * Hour);
        Assert.Equal([Utc(3, 12, 14)], beforeNewYorkMoves.Slots.Select(s => s.Start));
        Assert.Equal(NoSlotReason.NoCommonWorkingHours, SlotFinder.Find(Pair(from, to), new TimeWindow(Utc(3, 12, 0), Utc(3, 13, 0)), 3 * Hour).Reason);

        var afterViennaMoves = SlotFinder.Find(Pair(from, to), new TimeWindow(Utc(3, 29, 0), Utc(3, 30, 0)), Hour);
        Assert.Equal([Utc(3, 29, 13), Utc(3, 29, 14)], afterViennaMoves.Slots.Select(s => s.Start));
        Assert.All(afterViennaMoves.Slots, s => Assert.True(WithinNineToFive(s, "Europe/Vienna") && WithinNineToFive(s, "America/New_York")));

        // 15:00–16:00 UTC is 16:00–17:00 in Vienna on Friday 26 March, but 17:00–18:00 on Monday 29 March.
        var lateOnly = (Utc(3, 26, 0), Utc(3, 26, 15), '2');
        var lateOnlyMonday = (Utc(3, 29, 0), Utc(3, 29, 15), '2');
        Availability[] busyTillThree =
        [
            Person("vienna@unodc.org", "W. Europe Standard Time", from, to, true, lateOnly, lateOnlyMonday),
            Person("newyork@unodc.org", "Eastern Standard Time", from, to),
        ];
        Assert.Equal([Utc(3, 26, 15)], SlotFinder.Find(busyTillThree, new TimeWindow(Utc(3, 26, 0), Utc(3, 27, 0)), Hour).Slots.Select(s => s.Start));
        var monday = SlotFinder.Find(busyTillThree, new TimeWindow(Utc(3, 29, 0), Utc(3, 30, 0)), Hour);
        Assert.Empty(monday.Slots);
        Assert.Equal(NoSlotReason.EveryoneBusy, monday.Reason);
    }

    [Fact]
    public void Nobody_free_finds_nothing_and_says_everyone_is_busy_but_tentative_is_still_usable()
    {
        var (from, to) = (Utc(1, 11, 0), Utc(1, 16, 0));
        Availability[] busy =
        [
            Person("vienna@unodc.org", "Europe/Vienna", from, to, true, (from, to, '2')),
            Person("nairobi@unodc.org", "Africa/Nairobi", from, to, true, (from, to, '3')),
        ];
        var none = SlotFinder.Find(busy, new TimeWindow(from, to), Hour);
        Assert.Empty(none.Slots);
        Assert.False(none.Found);
        Assert.Equal(NoSlotReason.EveryoneBusy, none.Reason);

        Availability[] tentative =
        [
            Person("vienna@unodc.org", "Europe/Vienna", from, to, true, (from, to, '1')),
            Person("nairobi@unodc.org", "Africa/Nairobi", from, to, true, (from, to, '4')),
        ];
        var some = SlotFinder.Find(tentative, new TimeWindow(from, to), Hour);
        Assert.Equal(3, some.Slots.Count);
        Assert.All(some.Slots, s =>
        {
            Assert.Equal(["vienna@unodc.org"], s.Tentative);
            Assert.Equal(["nairobi@unodc.org"], s.Free);
        });
    }

    [Fact]
    public void Externals_only_says_Graph_knows_nobody_and_an_external_is_unknown_never_free()
    {
        var (from, to) = (Utc(1, 11, 0), Utc(1, 16, 0));
        var externals = SlotFinder.Find([External("a@gov.example"), External("b@gov.example", required: false)], new TimeWindow(from, to), Hour);
        Assert.Empty(externals.Slots);
        Assert.Equal(NoSlotReason.NoKnownAttendees, externals.Reason);

        var mixed = SlotFinder.Find([External("a@gov.example"), Person("vienna@unodc.org", "Europe/Vienna", from, to)], new TimeWindow(from, to), Hour);
        Assert.Equal(3, mixed.Slots.Count);
        Assert.All(mixed.Slots, s =>
        {
            Assert.Equal(["a@gov.example"], s.Unknown);
            Assert.Equal(["vienna@unodc.org"], s.Free);
        });
    }

    [Fact]
    public void Everyone_free_ranks_first_then_a_slot_with_an_optional_attendee_busy_beats_none()
    {
        // Monday 11 January 2027, 08:00–12:00 UTC = 09:00–13:00 in Vienna.
        var (from, to) = (Utc(1, 11, 8), Utc(1, 11, 12));
        Availability[] attendees =
        [
            Person("chair@unodc.org", "Europe/Vienna", from, to),
            Person("optional@unodc.org", "Europe/Vienna", from, to, false, (from, Utc(1, 11, 10), '2')),
        ];
        var found = SlotFinder.Find(attendees, new TimeWindow(from, to), Hour);
        Assert.Equal([Utc(1, 11, 10), Utc(1, 11, 11), Utc(1, 11, 8)], found.Slots.Select(s => s.Start));
        Assert.Equal(["chair@unodc.org", "optional@unodc.org"], found.Slots[0].Free);
        Assert.Equal(["optional@unodc.org"], found.Slots[2].Busy);

        var optionalAlwaysBusy = SlotFinder.Find([attendees[0], Person("optional@unodc.org", "Europe/Vienna", from, to, false, (from, to, '2'))],
            new TimeWindow(from, to), Hour);
        Assert.Equal([Utc(1, 11, 8), Utc(1, 11, 9), Utc(1, 11, 10)], optionalAlwaysBusy.Slots.Select(s => s.Start));
    }

    [Fact]
    public void Required_attendees_all_free_rank_before_more_optional_attendees_free()
    {
        var (from, to) = (Utc(1, 11, 8), Utc(1, 11, 12));
        Availability[] attendees =
        [
            Person("chair@unodc.org", "Europe/Vienna", from, to),
            Person("member@unodc.org", "Europe/Vienna", from, to, true, (from, Utc(1, 11, 9), '1')),
            Person("optional@unodc.org", "Europe/Vienna", from, to, false, (Utc(1, 11, 9), to, '2')),
        ];
        var found = SlotFinder.Find(attendees, new TimeWindow(from, to), Hour);
        Assert.Equal([Utc(1, 11, 9), Utc(1, 11, 10), Utc(1, 11, 11)], found.Slots.Select(s => s.Start));
        Assert.All(found.Slots, s => Assert.Empty(s.Tentative));
    }

    [Fact]
    public void Availability_digits_are_read_per_interval_from_the_views_start()
    {
        // The view starts at 07:00 UTC; digit 5 (09:30–10:00) is busy, digit 6 tentative, digit 7 out of office.
        var hours = WorkingHours.Weekdays(new TimeOnly(0, 0), new TimeOnly(0, 0), "UTC");
        var person = Availability.Known("p@unodc.org", true, Utc(1, 11, 7), "0000021344", hours);
        Assert.Equal(Presence.Free, person.During(Utc(1, 11, 8, 30), Utc(1, 11, 9, 30)));
        Assert.Equal(Presence.Busy, person.During(Utc(1, 11, 9), Utc(1, 11, 10)));
        Assert.Equal(Presence.Busy, person.During(Utc(1, 11, 9, 45), Utc(1, 11, 9, 50)));
        Assert.Equal(Presence.Tentative, person.During(Utc(1, 11, 10), Utc(1, 11, 10, 30)));
        Assert.Equal(Presence.Busy, person.During(Utc(1, 11, 10, 30), Utc(1, 11, 11)));
        Assert.Equal(Presence.Free, person.During(Utc(1, 11, 11), Utc(1, 11, 12)));
        Assert.Equal(Presence.Unknown, person.During(Utc(1, 11, 11, 30), Utc(1, 11, 12, 30)));

        // A 60-minute meeting: the busy 09:30–10:00 blocks the slot starting 09:00 (30 minutes before it) and at 09:30.
        var blocked = SlotFinder.Find([person], new TimeWindow(Utc(1, 11, 9), Utc(1, 11, 10, 30)), Hour);
        Assert.Equal(NoSlotReason.EveryoneBusy, blocked.Reason);
        var found = SlotFinder.Find([person], new TimeWindow(Utc(1, 11, 7), Utc(1, 11, 12)), Hour);
        Assert.Equal([Utc(1, 11, 7), Utc(1, 11, 8), Utc(1, 11, 11)], found.Slots.Select(s => s.Start));
    }

    [Fact]
    public void Windows_and_IANA_names_resolve_and_a_customized_zone_is_read_as_UTC_with_a_note()
    {
        foreach (var (windows, iana) in new[]
        {
            ("W. Europe Standard Time", "Europe/Vienna"), ("E. Africa Standard Time", "Africa/Nairobi"),
            ("Eastern Standard Time", "America/New_York"), ("SE Asia Standard Time", "Asia/Bangkok"),
        })
        {
            var (w, i) = (SlotFinder.Zone(windows), SlotFinder.Zone(iana));
            Assert.NotNull(w);
            Assert.NotNull(i);
            Assert.Equal(i.GetUtcOffset(Utc(1, 11, 12)), w.GetUtcOffset(Utc(1, 11, 12)));
            Assert.Equal(i.GetUtcOffset(Utc(7, 12, 12)), w.GetUtcOffset(Utc(7, 12, 12)));
        }
        Assert.Null(SlotFinder.Zone(SlotFinder.CustomizedTimeZone));

        var (from, to) = (Utc(1, 11, 0), Utc(1, 12, 0));
        var custom = SlotFinder.Find([Person("c@unodc.org", SlotFinder.CustomizedTimeZone, from, to)], new TimeWindow(from, to), Hour);
        Assert.Equal([Utc(1, 11, 9), Utc(1, 11, 10), Utc(1, 11, 11)], custom.Slots.Select(s => s.Start));
        Assert.Contains(custom.Notes, n => n.Contains("c@unodc.org") && n.Contains("customized"));
    }

    [Fact]
    public void No_slot_before_now_and_a_window_too_short_says_so()
    {
        var (from, to) = (Utc(1, 11, 0), Utc(1, 12, 0));
        Availability[] vienna = [Person("vienna@unodc.org", "Europe/Vienna", from, to)];
        var later = SlotFinder.Find(vienna, new TimeWindow(from, to), Hour, now: Utc(1, 11, 12, 10));
        Assert.Equal([Utc(1, 11, 12, 30), Utc(1, 11, 13, 30), Utc(1, 11, 14, 30)], later.Slots.Select(s => s.Start));

        var tooShort = SlotFinder.Find(vienna, new TimeWindow(Utc(1, 11, 9), Utc(1, 11, 9, 45)), Hour);
        Assert.Equal(NoSlotReason.WindowTooShort, tooShort.Reason);
    }
}
