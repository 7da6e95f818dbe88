using VpiBot.Domain;

namespace VpiBot.Tests.Domain;

/// <summary>Each State party's time zones, and a date and time in a zone to the instant it means and back, across daylight saving switches.</summary>
public sealed class TimeZonesTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static DateTimeOffset Instant(string zone, int year, int month, int day, int hour, int minute) =>
        TimeZones.ToInstant(new DateOnly(year, month, day), new TimeOnly(hour, minute), zone);

    [Fact]
    public void Every_State_party_has_zones_that_this_machine_resolves()
    {
        foreach (var code in Countries.Codes)
        {
            var zones = TimeZones.For(code);
            Assert.NotEmpty(zones);
            Assert.Equal(zones[0], TimeZones.Default(code));
            Assert.Equal(zones.Count, zones.Distinct().Count());
            Assert.All(zones, zone =>
            {
                Assert.True(TimeZones.IsKnown(zone), zone);
                Assert.Equal(zone, TimeZoneInfo.FindSystemTimeZoneById(zone).Id);
            });
        }
        Assert.Equal(TimeZoneInfo.Utc.BaseUtcOffset, TimeZoneInfo.FindSystemTimeZoneById(TimeZones.Utc).BaseUtcOffset);
    }

    [Theory]
    [InlineData("GH", "Africa/Accra")]
    [InlineData("AT", "Europe/Vienna")]
    [InlineData("RU", "Europe/Moscow")]
    [InlineData("US", "America/New_York")]
    [InlineData("CA", "America/Toronto")]
    [InlineData("AU", "Australia/Sydney")]
    [InlineData("BR", "America/Sao_Paulo")]
    [InlineData("MX", "America/Mexico_City")]
    [InlineData("ID", "Asia/Jakarta")]
    [InlineData("KZ", "Asia/Almaty")]
    [InlineData("CD", "Africa/Kinshasa")]
    [InlineData("MN", "Asia/Ulaanbaatar")]
    [InlineData("CL", "America/Santiago")]
    [InlineData("AR", "America/Argentina/Buenos_Aires")]
    [InlineData("ES", "Europe/Madrid")]
    [InlineData("PT", "Europe/Lisbon")]
    [InlineData("EC", "America/Guayaquil")]
    [InlineData("UA", "Europe/Kyiv")]
    [InlineData("UZ", "Asia/Tashkent")]
    [InlineData("FM", "Pacific/Pohnpei")]
    [InlineData("NZ", "Pacific/Auckland")]
    public void A_country_with_several_zones_offers_its_capitals_first(string country, string capital) =>
        Assert.Equal(capital, TimeZones.Default(country));

    [Fact]
    public void Only_listed_zones_and_UTC_are_known_and_an_unknown_country_gets_UTC()
    {
        Assert.True(TimeZones.IsKnown("UTC"));
        Assert.False(TimeZones.IsKnown(null));
        Assert.False(TimeZones.IsKnown(""));
        Assert.False(TimeZones.IsKnown("europe/vienna"));
        Assert.False(TimeZones.IsKnown("Mars/Olympus_Mons"));
        Assert.False(TimeZones.IsKnown("W. Europe Standard Time"));
        Assert.False(TimeZones.IsKnown("Etc/GMT+5")); // real, but no State party's
        Assert.Equal(["UTC"], TimeZones.For("XX"));
        Assert.Equal("UTC", TimeZones.Default("XX"));
    }

    [Fact]
    public void A_time_on_an_ordinary_day_is_read_with_the_offset_of_its_season()
    {
        Assert.Equal(Utc(2027, 1, 15, 11, 0), Instant("Europe/Vienna", 2027, 1, 15, 12, 0));
        Assert.Equal(Utc(2027, 7, 1, 10, 0), Instant("Europe/Vienna", 2027, 7, 1, 12, 0));
        Assert.Equal(Utc(2027, 1, 15, 17, 0), Instant("America/New_York", 2027, 1, 15, 12, 0));
        Assert.Equal(Utc(2027, 7, 1, 16, 0), Instant("America/New_York", 2027, 7, 1, 12, 0));
        Assert.Equal(Utc(2027, 7, 1, 23, 59), Instant("UTC", 2027, 7, 1, 23, 59));
        Assert.Equal(TimeSpan.FromHours(2), Instant("Europe/Vienna", 2027, 7, 1, 12, 0).Offset); // carries the zone's offset
    }

    [Fact]
    public void A_time_skipped_when_the_clocks_go_forward_moves_forward_by_the_gap()
    {
        // Vienna, last Sunday of March: 02:00 CET becomes 03:00 CEST
        var vienna = Instant("Europe/Vienna", 2027, 3, 28, 2, 30);
        Assert.Equal(Utc(2027, 3, 28, 1, 30), vienna);
        Assert.Equal((new DateOnly(2027, 3, 28), new TimeOnly(3, 30)), TimeZones.ToLocal(vienna, "Europe/Vienna"));
        Assert.Equal(Utc(2027, 3, 28, 0, 59), Instant("Europe/Vienna", 2027, 3, 28, 1, 59));
        Assert.Equal(Utc(2027, 3, 28, 1, 0), Instant("Europe/Vienna", 2027, 3, 28, 2, 0));
        Assert.Equal(Utc(2027, 3, 28, 1, 0), Instant("Europe/Vienna", 2027, 3, 28, 3, 0));

        // New York, second Sunday of March: 02:00 EST becomes 03:00 EDT
        var newYork = Instant("America/New_York", 2027, 3, 14, 2, 30);
        Assert.Equal(Utc(2027, 3, 14, 7, 30), newYork);
        Assert.Equal((new DateOnly(2027, 3, 14), new TimeOnly(3, 30)), TimeZones.ToLocal(newYork, "America/New_York"));

        // Sydney, first Sunday of October (southern spring): 02:00 AEST becomes 03:00 AEDT
        Assert.Equal(Utc(2027, 10, 2, 16, 30), Instant("Australia/Sydney", 2027, 10, 3, 2, 30));
    }

    [Fact]
    public void A_time_that_happens_twice_when_the_clocks_go_back_is_its_first_occurrence()
    {
        // Vienna, last Sunday of October: 03:00 CEST becomes 02:00 CET, so 02:30 happens at 00:30Z and at 01:30Z
        Assert.Equal(Utc(2027, 10, 31, 0, 30), Instant("Europe/Vienna", 2027, 10, 31, 2, 30));
        Assert.Equal(Utc(2027, 10, 31, 0, 0), Instant("Europe/Vienna", 2027, 10, 31, 2, 0));
        Assert.Equal(Utc(2027, 10, 31, 2, 0), Instant("Europe/Vienna", 2027, 10, 31, 3, 0));

        // New York, first Sunday of November: 02:00 EDT becomes 01:00 EST, so 01:30 happens at 05:30Z and at 06:30Z
        Assert.Equal(Utc(2027, 11, 7, 5, 30), Instant("America/New_York", 2027, 11, 7, 1, 30));
        Assert.Equal(Utc(2027, 11, 7, 7, 0), Instant("America/New_York", 2027, 11, 7, 2, 0));
    }

    [Fact]
    public void A_zone_without_daylight_saving_time_has_neither_gap_nor_overlap()
    {
        Assert.Equal(Utc(2027, 3, 28, 2, 30), Instant("Africa/Accra", 2027, 3, 28, 2, 30));
        Assert.Equal(Utc(2027, 10, 31, 2, 30), Instant("Africa/Accra", 2027, 10, 31, 2, 30));
        Assert.Equal(Utc(2027, 3, 14, 7, 0), Instant("Asia/Jakarta", 2027, 3, 14, 14, 0));
    }

    [Theory]
    [InlineData("Europe/Vienna")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Sydney")]
    [InlineData("Africa/Accra")]
    [InlineData("Australia/Lord_Howe")] // half-hour daylight saving
    [InlineData("UTC")]
    public void Every_hour_of_a_year_goes_to_local_time_and_back(string zone)
    {
        for (var instant = Utc(2027, 1, 1, 0, 15); instant.Year == 2027; instant = instant.AddHours(1))
        {
            var (date, time) = TimeZones.ToLocal(instant, zone);
            var back = TimeZones.ToInstant(date, time, zone);
            // the same instant, or for the second occurrence of a time that happens twice, the first
            Assert.True(back == instant || (back < instant && TimeZones.ToLocal(back, zone) == (date, time)), $"{zone} {instant:o} → {date} {time} → {back:o}");
        }
    }
}
