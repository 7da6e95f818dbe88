using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VpiBot.Domain.Meetings;
using VpiBot.Graph;

// Slot finding for 60 attendees over four weeks (28 × 48 half hours):
//  (a) the pure part, SlotFinder.Find over 60 availabilities: mean/median time and bytes allocated per search;
//  (b) the whole Graph path, GraphCalendar.GetScheduleAsync against a fake getSchedule endpoint on 127.0.0.1 (Kestrel,
//      in this process): Graph calls per search (must be 3: 60 addresses in groups of 20, 28 days in one piece) and
//      wall time, then the same followed by SlotFinder.Find.
// The views are generated (seeded): busy mornings, random meetings, some tentative, 4 time zones through working hours.
// Usage: dotnet run -c Release --project bench/VpiBot.MeetingBench [-- --iterations 200 --searches 100]

var iterations = int.Parse(Option("--iterations", "200"), CultureInfo.InvariantCulture);
var searches = int.Parse(Option("--searches", "100"), CultureInfo.InvariantCulture);
const int People = 60;
const int Days = 28;
var monday = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero); // Vienna and New York change to summer time inside the window
var window = new TimeWindow(monday, monday.AddDays(Days));
var duration = TimeSpan.FromHours(1);
var people = Enumerable.Range(0, People).Select(Person.Make).ToArray();
var failed = false;

Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
Console.WriteLine($"{People} attendees ({people.Count(p => p.Required)} required), {Days} days × 48 intervals, {duration.TotalMinutes:0}-minute slots; zones: " +
    string.Join(", ", people.GroupBy(p => p.Zone).Select(g => $"{g.Key} ×{g.Count()}")));

// (a) the pure part
var availabilities = people.Select(p => Availability.Known(p.Address, p.Required, monday, p.View(monday, Days * 48), p.Hours)).ToList();
var found = SlotFinder.Find(availabilities, window, duration);
Console.WriteLine($"Find: {(found.Found ? string.Join("; ", found.Slots.Select(s => $"{s.Start:ddd dd MMM HH:mm}Z free {s.Free.Count} tentative {s.Tentative.Count} outside hours {s.OutsideHours.Count}")) : $"no slot ({found.Reason})")}");
for (var i = 0; i < 3; i++)
{
    SlotFinder.Find(availabilities, window, duration);
}
var times = new List<double>();
long allocated = 0;
for (var i = 0; i < iterations; i++)
{
    var before = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    var result = SlotFinder.Find(availabilities, window, duration);
    watch.Stop();
    allocated += GC.GetAllocatedBytesForCurrentThread() - before;
    times.Add(watch.Elapsed.TotalMilliseconds);
    GC.KeepAlive(result);
}
Report("(a) SlotFinder.Find", times, $"{allocated / (double)iterations / 1024 / 1024:0.00} MB allocated per search");

// (b) the whole path against a fake getSchedule
var calls = 0;
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.ClearProviders();
await using var app = builder.Build();
var byAddress = people.ToDictionary(p => p.Address, StringComparer.OrdinalIgnoreCase);
app.MapPost("/v1.0/users/{id}/calendar/getSchedule", async (HttpContext http) =>
{
    Interlocked.Increment(ref calls);
    var body = JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync(), new JsonNodeOptions { PropertyNameCaseInsensitive = true })!;
    var from = DateTime.Parse(body["startTime"]!["dateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    var to = DateTime.Parse(body["endTime"]!["dateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    var n = (int)Math.Ceiling((to - from) / TimeSpan.FromMinutes(30));
    var value = new JsonArray();
    foreach (var address in body["schedules"]!.AsArray().Select(a => a!.GetValue<string>()))
    {
        var person = byAddress[address];
        value.Add(new JsonObject
        {
            ["scheduleId"] = address,
            ["availabilityView"] = person.View(new DateTimeOffset(from, TimeSpan.Zero), n),
            ["scheduleItems"] = new JsonArray(),
            ["workingHours"] = new JsonObject
            {
                ["daysOfWeek"] = new JsonArray("monday", "tuesday", "wednesday", "thursday", "friday"),
                ["startTime"] = "09:00:00.0000000",
                ["endTime"] = "17:00:00.0000000",
                ["timeZone"] = new JsonObject { ["name"] = person.Zone },
            },
        });
    }
    http.Response.ContentType = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";
    await http.Response.WriteAsync(new JsonObject { ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)", ["value"] = value }.ToJsonString());
});
await app.StartAsync();
var options = new GraphOptions { BaseUrl = app.Urls.Single().TrimEnd('/') + "/v1.0", OrganizerMailbox = "organizer@contoso.com", RetryDelaySeconds = 0 };
using var calendar = new GraphCalendar(Options.Create(options), new GraphCredential(new StaticToken(), null));
var attendees = people.Select(p => new MeetingAttendee(p.Address, p.Address, p.Required)).ToList();

for (var i = 0; i < 3; i++)
{
    await SearchAsync(withFind: true); // warm-up: JIT, connections
}
foreach (var withFind in new[] { false, true })
{
    var walls = new List<double>();
    var callCounts = new List<int>();
    for (var i = 0; i < searches; i++)
    {
        var before = Volatile.Read(ref calls);
        var watch = Stopwatch.StartNew();
        await SearchAsync(withFind);
        walls.Add(watch.Elapsed.TotalMilliseconds);
        callCounts.Add(Volatile.Read(ref calls) - before);
    }
    var distinct = callCounts.Distinct().ToList();
    if (distinct is not [3])
    {
        failed = true;
    }
    Report(withFind ? "(b) GetScheduleAsync + Find" : "(b) GetScheduleAsync", walls, $"Graph calls per search: {string.Join("/", distinct)}{(distinct is [3] ? "" : " (expected 3)")}");
}
await app.StopAsync();
return failed ? 1 : 0;

async Task SearchAsync(bool withFind)
{
    var result = await calendar.GetScheduleAsync(null, attendees, window.Start, window.End);
    if (!result.Succeeded || result.Value!.Count != People || result.Value.Any(a => a.View.Length != Days * 48 || a.Hours is null))
    {
        failed = true;
        Console.WriteLine($"search failed: {result.Failure?.Reason ?? "wrong views"}");
        return;
    }
    for (var i = 0; i < People; i++)
    {
        if (result.Value[i].View != availabilities[i].View)
        {
            failed = true;
            Console.WriteLine($"view of {result.Value[i].Address} differs from the one served");
        }
    }
    if (withFind)
    {
        var search = SlotFinder.Find(result.Value, window, duration);
        if (search.Found != found.Found || (search.Found && search.Slots[0].Start != found.Slots[0].Start))
        {
            failed = true;
            Console.WriteLine("Find over Graph's answer differs from Find over the generated views");
        }
    }
}

static void Report(string what, List<double> ms, string extra)
{
    var sorted = ms.Order().ToList();
    Console.WriteLine($"{what,-30} n={ms.Count,3}  mean {ms.Average(),8:0.00} ms  median {sorted[sorted.Count / 2],8:0.00} ms  min {sorted[0],8:0.00} ms  max {sorted[^1],8:0.00} ms  {extra}");
}

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

/// <summary>One attendee: an address, required or not, a zone for working hours 09:00–17:00 Mon–Fri, and a seeded calendar.</summary>
sealed record Person(int Index, string Address, bool Required, string Zone)
{
    // Vienna, Nairobi, New York, Bangkok, as Graph gives them: Windows names for some, IANA for others
    private static readonly string[] Zones = ["W. Europe Standard Time", "Africa/Nairobi", "Eastern Standard Time", "Asia/Bangkok"];

    public WorkingHours Hours => WorkingHours.Weekdays(new TimeOnly(9, 0), new TimeOnly(17, 0), Zone);

    /// <summary>Vienna and Nairobi people are required (their hours overlap), New York and Bangkok optional — except a few.</summary>
    public static Person Make(int i)
    {
        var zone = Zones[i % Zones.Length];
        var required = i % 4 < 2 && i % 3 != 0;
        return new Person(i, $"person{i:D2}@contoso.com", required, zone);
    }

    /// <summary>
    /// The view from <paramref name="from"/> for <paramref name="n"/> half hours: on working days busy mornings (09–12
    /// local, 70 % per half hour), hour-long meetings in the afternoon (12 % of the hours, a fifth of them tentative),
    /// one out-of-office day in four weeks for every fifth person, free otherwise. A function of the person and the
    /// absolute half hour (seeded, the same every run), so any piece of the window reads the same.
    /// </summary>
    public string View(DateTimeOffset from, int n)
    {
        var zone = VpiBot.Domain.Meetings.SlotFinder.Zone(Zone)!;
        var digits = new char[n];
        for (var i = 0; i < n; i++)
        {
            var instant = from.AddMinutes(30 * i);
            var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
            var slot = instant.ToUnixTimeSeconds() / 1800;
            var roll = Roll(Index, slot);
            var workday = local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            var hour = local.Hour;
            char digit;
            if (workday && Index % 5 == 0 && local.Day == 12)
            {
                digit = '3';
            }
            else if (workday && hour is >= 9 and < 12)
            {
                digit = roll < 0.7 ? '2' : '0';
            }
            else if (workday && hour is >= 12 and < 17 && Roll(Index, -1 - slot / 2) is var meeting && meeting < 0.12)
            {
                digit = meeting < 0.024 ? '1' : '2';
            }
            else
            {
                digit = '0';
            }
            digits[i] = digit;
        }
        return new string(digits);
    }

    /// <summary>A number in [0, 1) fixed by the person and the slot (SplitMix64).</summary>
    private static double Roll(int person, long slot)
    {
        var z = unchecked((ulong)slot * 0x9E3779B97F4A7C15UL + (ulong)person * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (z ^ (z >> 31)) / 18446744073709551616.0;
    }
}

sealed class StaticToken : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("bench-token", DateTimeOffset.UtcNow.AddHours(1));
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
}
