using Microsoft.Extensions.Time.Testing;
using VpiBot.Protocol.Connector;

namespace VpiBot.Tests.Protocol;

/// <summary>
/// Teams' published limits, as the service would count our sends:
/// per bot per conversation 7 in 1 s, 8 in 2 s, 60 in 30 s, 1800 in an hour; per tenant 50 per second.
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
/// </summary>
public sealed class TeamsRateLimiterTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset[] Every(TimeSpan spacing, int count, DateTimeOffset? start = null) =>
        Enumerable.Range(0, count).Select(i => (start ?? T0) + spacing * i).ToArray();

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static DateTimeOffset Conversation(IReadOnlyList<DateTimeOffset> sends, DateTimeOffset from) =>
        TeamsRateLimiter.NextSlot(sends, from, TeamsRateLimiter.PerConversation);

    /// <summary>No window (x - span, x] holds more than the limit.</summary>
    private static void AssertWithin(IEnumerable<DateTimeOffset> times, SendWindow window, string what)
    {
        var sorted = times.Order().ToArray();
        var start = 0;
        for (var end = 0; end < sorted.Length; end++)
        {
            while (sorted[start] <= sorted[end] - window.Span)
            {
                start++;
            }
            var count = end - start + 1;
            Assert.True(count <= window.Limit,
                $"{what}: {count} sends in the {window.Span} ending {sorted[end]:O}, limit {window.Limit}");
        }
    }

    // ---- NextSlot, pure ----

    [Fact]
    public void With_no_earlier_sends_the_slot_is_now()
    {
        Assert.Equal(T0, Conversation([], T0));
    }

    [Fact]
    public void Under_every_limit_the_slot_is_now()
    {
        var sends = Every(Ms(100), 6); // 6 in the last second
        var now = T0 + Ms(700);

        Assert.Equal(now, Conversation(sends, now));
    }

    [Fact]
    public void The_eighth_send_within_a_second_waits_until_the_first_leaves_the_window()
    {
        var sends = Every(Ms(100), 7); // T0 .. T0+600ms
        var now = T0 + Ms(700);

        Assert.Equal(T0 + TimeSpan.FromSeconds(1), Conversation(sends, now));
    }

    [Fact]
    public void The_ninth_send_within_two_seconds_waits_for_the_two_second_window()
    {
        // 4 sends early, 4 a second later: never 7 in one second, but 8 in two.
        DateTimeOffset[] sends = [.. Every(Ms(100), 4), .. Every(Ms(100), 4, T0 + TimeSpan.FromSeconds(1))];
        var now = T0 + Ms(1400);

        Assert.Equal(T0 + TimeSpan.FromSeconds(2), Conversation(sends, now));
    }

    [Fact]
    public void The_sixty_first_send_within_thirty_seconds_waits_for_the_thirty_second_window()
    {
        var sends = Every(Ms(450), 60); // 2-3 per second, the last at 26.55 s
        var now = T0 + TimeSpan.FromSeconds(27);

        Assert.Equal(T0 + TimeSpan.FromSeconds(30), Conversation(sends, now));
    }

    [Fact]
    public void The_send_after_1800_in_an_hour_waits_for_the_hour_window()
    {
        var sends = Every(Ms(1500), 1800); // 20 per 30 s, the last at 44m58.5s
        var now = T0 + TimeSpan.FromMinutes(45);

        Assert.Equal(T0 + TimeSpan.FromHours(1), Conversation(sends, now));
    }

    [Fact]
    public void Sends_older_than_every_window_do_not_count()
    {
        var longAgo = Every(Ms(1), 2000, T0 - TimeSpan.FromHours(2));
        var now = T0;

        Assert.Equal(now, Conversation(longAgo, now));
    }

    [Fact]
    public void Sends_older_than_a_window_do_not_count_in_it()
    {
        var sends = Every(Ms(100), 7, T0 - TimeSpan.FromSeconds(1.5)); // 7 sends 0.9-1.5 s ago: out of the 1 s window, 7 of 8 in the 2 s one

        Assert.Equal(T0, Conversation(sends, T0));
    }

    [Fact]
    public void A_send_reserved_later_still_counts_against_an_earlier_slot()
    {
        // 50 tenant sends reserved over the next 0.5 s: a slot now would put 51 in one second.
        var reserved = Every(Ms(10), 50, T0 + Ms(500));

        var slot = TeamsRateLimiter.NextSlot(reserved, T0, TeamsRateLimiter.PerTenant);

        Assert.Equal(T0 + Ms(500) + TimeSpan.FromSeconds(1), slot);
        AssertWithin([.. reserved, slot], TeamsRateLimiter.PerTenant[0], "tenant");
    }

    // ---- Reserve, with a fake clock ----

    [Fact]
    public void A_burst_to_one_conversation_stays_within_every_per_conversation_window()
    {
        var time = new FakeTimeProvider(T0);
        var limiter = new TeamsRateLimiter(time);

        var sends = Enumerable.Range(0, 2000).Select(_ => time.GetUtcNow() + limiter.Reserve("tenant", "19:chat@thread.v2")).ToArray();

        Assert.All(sends.Take(7), s => Assert.Equal(T0, s)); // the first seven go out at once
        Assert.Equal(sends.Order(), sends); // in the order they were reserved
        foreach (var window in TeamsRateLimiter.PerConversation)
        {
            AssertWithin(sends, window, "conversation");
        }
    }

    [Fact]
    public void Reservations_made_as_time_passes_stay_within_every_window()
    {
        var time = new FakeTimeProvider(T0);
        var limiter = new TeamsRateLimiter(time);
        var random = new Random(7);
        var sends = new List<DateTimeOffset>();

        for (var i = 0; i < 1000; i++)
        {
            time.Advance(Ms(random.Next(0, 400)));
            sends.Add(time.GetUtcNow() + limiter.Reserve("tenant", "a:1personal"));
        }

        foreach (var window in TeamsRateLimiter.PerConversation)
        {
            AssertWithin(sends, window, "conversation");
        }
    }

    [Fact]
    public void Conversations_of_one_tenant_share_fifty_sends_per_second()
    {
        var time = new FakeTimeProvider(T0);
        var limiter = new TeamsRateLimiter(time);
        var byConversation = new Dictionary<string, List<DateTimeOffset>>();

        for (var round = 0; round < 5; round++)
        {
            for (var c = 0; c < 40; c++)
            {
                var conversation = $"a:personal-{c}";
                var at = time.GetUtcNow() + limiter.Reserve("tenant-a", conversation);
                (byConversation.TryGetValue(conversation, out var list) ? list : byConversation[conversation] = []).Add(at);
            }
        }

        var all = byConversation.Values.SelectMany(s => s).ToArray();
        Assert.Equal(200, all.Length);
        AssertWithin(all, TeamsRateLimiter.PerTenant[0], "tenant");
        Assert.Equal(50, all.Count(s => s == T0)); // the tenant's first second is used in full
        foreach (var sends in byConversation.Values)
        {
            AssertWithin(sends, TeamsRateLimiter.PerConversation[0], "conversation");
        }
    }

    [Fact]
    public void A_backlog_in_one_conversation_does_not_hold_up_the_rest_of_the_tenant()
    {
        var time = new FakeTimeProvider(T0);
        var limiter = new TeamsRateLimiter(time);
        for (var i = 0; i < 100; i++)
        {
            limiter.Reserve("tenant-a", "19:busy@thread.tacv2"); // queued well past 30 s by the 60/30 s limit
        }

        var other = limiter.Reserve("tenant-a", "a:1personal");

        Assert.True(other <= TimeSpan.FromSeconds(1), $"a send to an idle conversation was delayed {other}");
    }

    [Fact]
    public void Different_tenants_do_not_interfere()
    {
        var time = new FakeTimeProvider(T0);
        var limiter = new TeamsRateLimiter(time);
        for (var c = 0; c < 50; c++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.Reserve("tenant-a", $"a:a-{c}"));
        }
        Assert.NotEqual(TimeSpan.Zero, limiter.Reserve("tenant-a", "a:a-extra")); // tenant A is full for this second

        for (var c = 0; c < 50; c++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.Reserve("tenant-b", $"a:b-{c}"));
        }
    }
}
