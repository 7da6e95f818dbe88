using System.Globalization;
using VpiBot.Features.Priorities;
using VpiBot.Notifications;

namespace VpiBot.Tests.Notifications;

/// <summary>A burst of decisions on one priority queues one card update, which reads the newest state when it runs.</summary>
public sealed class ReviewCardUpdatesTests
{
    [Fact]
    public async Task Requests_for_a_priority_are_coalesced_until_the_queued_update_starts()
    {
        var outbox = new Outbox();
        var updates = new ReviewCardUpdates(outbox);
        for (var i = 0; i < 16; i++)
        {
            await updates.RequestAsync("vpi-1", 7, CultureInfo.InvariantCulture, default);
        }
        await updates.RequestAsync("vpi-1", 8, CultureInfo.InvariantCulture, default); // another priority: its own update
        Assert.True(outbox.Reader.TryRead(out var first));
        Assert.True(outbox.Reader.TryRead(out _));
        Assert.False(outbox.Reader.TryRead(out _));

        // once the update for #7 has started (it reads the state then), a new decision needs a new update
        using var services = new ServiceCollection().BuildServiceProvider();
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => first!(services, default)); // no store here: it stops after claiming
        await updates.RequestAsync("vpi-1", 7, CultureInfo.InvariantCulture, default);
        Assert.True(outbox.Reader.TryRead(out _));
    }
}
