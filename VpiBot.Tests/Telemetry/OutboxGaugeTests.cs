using VpiBot.Storage.Tables;
using VpiBot.Tests.Notifications;

namespace VpiBot.Tests.Telemetry;

/// <summary>The outbox gauges come from what the dispatcher reads anyway: its last round's jobs and the oldest one's age.</summary>
public sealed class OutboxGaugeTests : OutboxTestBase
{
    protected override ITableStore CreateStore() =>
        new SqliteTableStore(Path.Combine(Path.GetTempPath(), "vpibot-outbox-" + Guid.NewGuid().ToString("N"), "outbox.db"));

    [Fact]
    public async Task Pending_jobs_and_the_oldest_ones_age_are_what_the_last_round_saw()
    {
        var a = Instance();
        using var measured = Measurements.Of(a.Services);
        await a.Outbox.CommitAsync(VpiId, [], [new NoteRequested(VpiId, "first", [], ToHome: true)], Ct);
        Time.Advance(TimeSpan.FromSeconds(20));
        await a.Outbox.CommitAsync(VpiId, [], [new NoteRequested(VpiId, "second", [], ToHome: true)], Ct);
        Time.Advance(TimeSpan.FromSeconds(10));

        await a.RunOnceAsync(); // reads both events (and expands them)
        measured.Observe();
        Assert.Equal(2, measured.Last("vpibot.outbox.pending"));
        Assert.Equal(30, measured.Last("vpibot.outbox.oldest_age"));

        await RunUntilEmptyAsync(a);
        await a.RunOnceAsync(); // a round that finds nothing
        measured.Observe();
        Assert.Equal(0, measured.Last("vpibot.outbox.pending"));
        Assert.Equal(0, measured.Last("vpibot.outbox.oldest_age"));
    }
}
