using System.Text.Json;
using Azure.Data.Tables;
using VpiBot.Domain;
using VpiBot.Notifications;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Storage;

namespace VpiBot.Tests.Notifications;

/// <summary>The durable outbox on SQLite (a fresh file per test).</summary>
public sealed class SqliteOutboxTests : OutboxContract
{
    protected override ITableStore CreateStore() =>
        new SqliteTableStore(Path.Combine(Path.GetTempPath(), "vpibot-outbox-" + Guid.NewGuid().ToString("N"), "outbox.db"));
}

/// <summary>The durable outbox on Azure Table Storage as Azurite emulates it (a fresh table per test: markers and instances are global partitions).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureOutboxTests(AzuriteFixture azurite) : OutboxContract
{
    protected override ITableStore CreateStore() =>
        new AzureTableStore(new TableServiceClient(azurite.ConnectionString), "outbox" + Guid.NewGuid().ToString("N")[..12]);
}

/// <summary>
/// What the durable outbox guarantees, on every backend: events are committed atomically with the change, survive the
/// instance that wrote them, are delivered once across instances, and every Connector answer Teams documents is settled.
/// </summary>
public abstract class OutboxContract : OutboxTestBase
{
    private Task CommitAsync(OutboxInstance instance, params IVpiEvent[] events) => instance.Outbox.CommitAsync(VpiId, [], events, Ct);

    [Fact]
    public async Task A_change_and_its_event_are_committed_together_or_not_at_all()
    {
        var a = Instance();
        var partition = VpiStore.Partition(VpiId);
        var stored = await a.Outbox.CommitAsync(VpiId, [new RowOperation.Insert("test|thing", "v1")], [new NoteRequested(VpiId, "made", [], ToHome: true)], Ct);

        var changed = await a.Outbox.CommitAsync(VpiId, [new RowOperation.Replace("test|thing", "v2", stored[0]!.ETag)], [], Ct);

        // someone else's change is based on the old version: neither it nor its event is written
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => a.Outbox.CommitAsync(VpiId,
            [new RowOperation.Replace("test|thing", "v3", stored[0]!.ETag)], [new NoteRequested(VpiId, "changed", [], ToHome: true)], Ct));

        var row = await Table.GetAsync(partition, "test|thing", Ct);
        Assert.Equal(changed[0]!.ETag, row!.ETag); // callers get the new ETag
        Assert.Equal("v2", row.Data);
        var jobs = await JobsAsync(a.Outbox);
        Assert.Equal(["NoteRequested"], jobs.Select(j => j.EventType));
        Assert.Contains("made", jobs[0].Event);
    }

    [Fact]
    public async Task A_commit_whose_instance_dies_before_sending_is_delivered_by_another_instance()
    {
        var crashed = Instance("crashed");
        await CommitAsync(crashed, new NoteRequested(VpiId, "hello", Reviewers, ToHome: true));
        // "crashed" never runs its dispatcher; a fresh instance finds the VPI by its marker
        var other = Instance("other");

        await RunUntilEmptyAsync(other);

        var sent = Sent();
        Assert.Equal(4, sent.Count);
        Assert.Single(sent, s => s.Path == ActivitiesPath(HomeConversation));
        Assert.Equal(3, Connector.Calls.Count(c => c.RawPath == "/v3/conversations")); // 1:1 chats opened, then kept
        Assert.All(sent, s => Assert.Equal("hello", s.Text));
        Assert.Empty(await JobsAsync(other.Outbox));
        Assert.NotNull(await new TableConversationReferences(Table).FindPersonalAsync("aad-ann", Ct));
    }

    [Fact]
    public async Task An_event_expansion_interrupted_after_one_batch_is_resumed_without_duplicates()
    {
        var failing = new FailingTable(Table) { FailBatch = 3 };
        var crashing = new OutboxInstance(failing, Time, "crashing");
        await using var _ = crashing;
        var members = Enumerable.Range(0, 150).Select(i => Member($"aad-m{i:D3}", VpiRole.Alliance)).ToList();
        var deliveries = members.Select(m => OutboxDelivery.ToMember(m, "28:bot", Connector.BaseUrl, NoteView.ViewName, new { text = "x" }, "en")).ToList();
        await crashing.Outbox.CommitAsync(VpiId, [], [new MessagesRequested(VpiId, deliveries)], Ct);

        // batch 1 was the commit; batch 2 writes 99 deliveries with the cursor; batch 3 "crashes", the lease still held
        await crashing.RunOnceAsync(); // writes 99 deliveries with the cursor, then "crashes" holding the lease
        Assert.Equal(99, (await JobsAsync(crashing.Outbox)).Count(j => j.Kind == OutboxJobKind.Delivery));

        Time.Advance(TimeSpan.FromSeconds(61)); // the lease runs out
        var other = Instance("other", o => o.MaxSendsInFlight = 1);
        await other.RunOnceAsync(); // takes the event over: expands the rest only

        var jobs = await JobsAsync(other.Outbox);
        Assert.DoesNotContain(jobs, j => j.Kind == OutboxJobKind.Event);
        Assert.Equal(150, jobs.Count);
        Assert.Equal(150, jobs.Select(j => j.Delivery!.MemberAadObjectId).Distinct().Count());
    }

    [Fact]
    public async Task Two_instances_racing_for_the_same_jobs_deliver_each_exactly_once()
    {
        var race = new ClaimRace(Table);
        await using var a = new OutboxInstance(race, Time, "a");
        await using var b = new OutboxInstance(race, Time, "b");
        await a.Outbox.CommitAsync(VpiId, [], [new NoteRequested(VpiId, "once", Reviewers, ToHome: true)], Ct);

        // both have read the event before either claims it: exactly one claim wins
        await Task.WhenAll(a.RunOnceAsync(), b.RunOnceAsync());
        Assert.Equal(1, race.ClaimsLost);
        for (var i = 0; i < 5; i++)
        {
            await Task.WhenAll(a.RunOnceAsync(), b.RunOnceAsync());
        }

        var sent = Sent();
        Assert.Equal(4, sent.Count);
        Assert.Equal(4, sent.Select(s => s.Path).Distinct().Count());
        Assert.Empty(await JobsAsync(a.Outbox));
    }

    [Fact]
    public async Task A_claim_is_won_by_one_instance_only()
    {
        var a = Instance("a");
        await CommitAsync(a, new NoteRequested(VpiId, "x", [], ToHome: true));
        var read = (await JobsAsync(a.Outbox)).Single();

        var first = await a.Outbox.TryClaimAsync(read, "a", Time.GetUtcNow().AddSeconds(60), Ct);
        var second = await a.Outbox.TryClaimAsync(read, "b", Time.GetUtcNow().AddSeconds(60), Ct);

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task A_job_leased_by_an_instance_that_died_is_taken_over_when_its_lease_ends()
    {
        var a = Instance("survivor");
        await CommitAsync(a, new NoteRequested(VpiId, "late", [], ToHome: true));
        var job = (await JobsAsync(a.Outbox)).Single();
        Assert.NotNull(await a.Outbox.TryClaimAsync(job, "killed", Time.GetUtcNow().AddSeconds(60), Ct));

        await a.RunOnceAsync();
        Assert.Empty(Sent());

        Time.Advance(TimeSpan.FromSeconds(61));
        await RunUntilEmptyAsync(a);

        Assert.Single(Sent());
    }

    [Fact]
    public async Task A_graceful_stop_gives_back_the_jobs_it_holds_and_leaves_the_instances()
    {
        var a = Instance("stopping");
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Connector.ThenAnswer(async http => { arrived.TrySetResult(); await answer.Task; await http.Response.WriteAsJsonAsync(new { id = "late" }); });
        await CommitAsync(a, new NoteRequested(VpiId, "held", [], ToHome: true));
        await a.RunOnceAsync(); // expands the event into one delivery

        await a.Dispatcher.StartAsync(Ct);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the send is in flight
        await a.Dispatcher.StopAsync(Ct);
        answer.TrySetResult();

        var job = (await JobsAsync(a.Outbox)).Single();
        Assert.Null(job.LeaseOwner);
        Assert.Equal(0, job.Attempts);
        Assert.Null(await Table.GetAsync(OutboxStore.InstancesPartition, "stopping", Ct));
        var b = Instance("b");
        await RunUntilEmptyAsync(b);
        Assert.Equal(2, Sent().Count); // the cut-off send may have arrived: only a send in flight at the stop is repeated
    }

    [Fact]
    public async Task A_429_waits_as_long_as_Retry_After_asks_without_holding_a_worker()
    {
        var a = Instance();
        await CommitAsync(a, new NoteRequested(VpiId, "slow", [], ToHome: true));
        await a.RunOnceAsync();
        Connector.Then(429, """{"error":{"code":"TooManyRequests"}}""", retryAfter: "30");

        await a.RunOnceAsync();
        var job = (await JobsAsync(a.Outbox)).Single();
        Assert.Equal(Time.GetUtcNow().AddSeconds(30), job.NextAttemptAt);
        Assert.Null(job.LeaseOwner);
        Assert.Equal(1, job.Attempts);

        Time.Advance(TimeSpan.FromSeconds(29));
        await a.RunOnceAsync();
        Assert.Single(Sent());

        Time.Advance(TimeSpan.FromSeconds(1));
        await a.RunOnceAsync();
        Assert.Equal(2, Sent().Count);
        Assert.Empty(await JobsAsync(a.Outbox));
    }

    [Fact]
    public async Task A_member_who_blocked_the_bot_is_marked_unreachable_and_the_facilitators_are_told_once()
    {
        var a = Instance();
        await GivePersonalConversationAsync("aad-ann");
        for (var i = 0; i < 3; i++)
        {
            Connector.Then(403, """{"error":{"code":"ConversationBlockedByUser","message":"User blocked the conversation with the bot."}}""",
                onPath: ActivitiesPath(PersonalConversation("aad-ann")));
        }
        await CommitAsync(a, new NoteRequested(VpiId, "one", ["aad-ann"]), new NoteRequested(VpiId, "two", ["aad-ann", "aad-ben"]),
            new NoteRequested(VpiId, "three", ["aad-ann"]));

        await RunUntilEmptyAsync(a);

        var summary = await a.Outbox.SummarizeAsync(VpiId, Ct);
        Assert.Equal("aad-ann", Assert.Single(summary.Unreachable).AadObjectId);
        Assert.Equal(3, summary.Failed.Count);
        Assert.Equal(0, summary.Pending);
        var notice = Assert.Single(Sent(), s => s.Path == ActivitiesPath(HomeConversation));
        Assert.Contains("Name of aad-ann", notice.Text);
        Assert.Single(Sent(), s => s.Path.Contains("created", StringComparison.Ordinal)); // Ben still gets his
        Assert.Single(Sent(), s => s.Path == ActivitiesPath(PersonalConversation("aad-ann"))); // never tried again after the 403
    }

    [Fact]
    public async Task A_1to1_conversation_that_no_longer_exists_is_forgotten_and_a_new_one_opened()
    {
        var a = Instance();
        await GivePersonalConversationAsync("aad-ann");
        Connector.Then(404, """{"error":{"code":"ConversationNotFound"}}""", onPath: ActivitiesPath(PersonalConversation("aad-ann")));
        await CommitAsync(a, new NoteRequested(VpiId, "again", ["aad-ann"]));

        await RunUntilEmptyAsync(a);

        var reference = await new TableConversationReferences(Table).FindPersonalAsync("aad-ann", Ct);
        Assert.StartsWith("a:created-", reference!.ConversationId);
        Assert.Null(await new TableConversationReferences(Table).FindAsync(PersonalConversation("aad-ann"), Ct));
        Assert.Equal(2, Sent().Count);
        Assert.Equal(ActivitiesPath(reference.ConversationId), Sent()[^1].Path);
    }

    [Fact]
    public async Task A_message_too_large_is_given_up_visibly_and_never_retried()
    {
        var a = Instance();
        Connector.Then(413, """{"error":{"code":"MessageSizeTooBig"}}""", onPath: ActivitiesPath(HomeConversation));
        await CommitAsync(a, new NoteRequested(VpiId, "huge", [], ToHome: true));

        await RunUntilEmptyAsync(a);
        Time.Advance(TimeSpan.FromHours(1));
        await a.RunOnceAsync();

        var summary = await a.Outbox.SummarizeAsync(VpiId, Ct);
        Assert.Contains("413", Assert.Single(summary.Failed).Reason);
        Assert.Equal(0, summary.Pending);
        Assert.Single(Sent());
    }

    [Fact]
    public async Task A_failure_that_never_ends_is_given_up_after_MaxAttempts()
    {
        var a = Instance(configure: o => o.MaxAttempts = 3);
        for (var i = 0; i < 10; i++)
        {
            Connector.Then(503, onPath: ActivitiesPath(HomeConversation));
        }
        await CommitAsync(a, new NoteRequested(VpiId, "doomed", [], ToHome: true));

        for (var i = 0; i < 6; i++)
        {
            await a.RunOnceAsync();
            Time.Advance(TimeSpan.FromMinutes(11)); // past any backoff
        }

        Assert.Equal(3, Sent().Count);
        var failed = Assert.Single((await a.Outbox.SummarizeAsync(VpiId, Ct)).Failed);
        Assert.Contains("3 attempts", failed.Reason);
        Assert.Empty(await JobsAsync(a.Outbox));
    }

    [Fact]
    public async Task A_view_that_renders_nothing_sends_nothing()
    {
        var a = Instance();
        await CommitAsync(a, new NoteRequested(VpiId, "nothing", Reviewers, ToHome: true));

        await RunUntilEmptyAsync(a);

        Assert.Empty(Sent());
        Assert.Empty(await JobsAsync(a.Outbox));
    }

    [Fact]
    public async Task Updates_of_a_posted_card_are_coalesced_and_one_in_flight_is_followed_by_one_more()
    {
        var a = Instance("a");
        var b = Instance("b");
        await CommitAsync(a, new NoteRequested(VpiId, "card", ["aad-ann"], ToHome: true, Track: "note|1"));
        await RunUntilEmptyAsync(a);
        Assert.Equal(2, (await a.Outbox.ListPostedAsync(VpiId, "note|1", Ct)).Count);

        // three requests while nothing is sent yet: one update per copy
        await Table.UpsertAsync(VpiStore.Partition(VpiId), NoteView.StateRow, "v1", Ct);
        await CommitAsync(a, Update(), Update(), Update());
        await RunUntilEmptyAsync(a);
        var puts = Puts();
        Assert.Equal(2, puts.Count);
        Assert.All(puts, p => Assert.Equal("card [v1]", p.Text));

        // a request while an update is in flight: exactly one more follows it, with the newest state
        await CommitAsync(a, Update());
        await a.RunOnceAsync(); // expands: one update per copy queued
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Connector.ThenAnswer(async http => { arrived.TrySetResult(); await answer.Task; await http.Response.WriteAsJsonAsync(new { id = "ok" }); });
        var sending = a.RunOnceAsync(); // one of the two PUTs is held in flight
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Table.UpsertAsync(VpiStore.Partition(VpiId), NoteView.StateRow, "v2", Ct);
        await CommitAsync(b, Update());
        await b.RunOnceAsync(); // the copy being sent is marked to run again; the other copy's update is still queued
        answer.TrySetResult();
        await sending;
        await RunUntilEmptyAsync(a);

        puts = Puts();
        var copies = puts.Skip(2).GroupBy(p => p.RawPath).ToList();
        Assert.Equal(2, copies.Count);
        Assert.Contains(copies, c => c.Count() == 2); // the one in flight, then once more
        Assert.All(copies, c => Assert.Equal("card [v2]", c.Last().Text));
        Assert.Empty(await JobsAsync(a.Outbox));

        NoteRequested Update() => new(VpiId, "card", [], Track: "note|1", UpdateTrack: true);
    }

    private List<Support.ConnectorCall> Puts() => Connector.Calls.Where(c => c.Method == "PUT").ToList();
}

/// <summary>Holds the first two claims (conditional replaces of outbox rows) until both have arrived: a forced race.</summary>
internal sealed class ClaimRace(ITableStore inner) : DelegatingTable(inner)
{
    private readonly TaskCompletionSource _both = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;
    private int _lost;

    public int ClaimsLost => Volatile.Read(ref _lost);

    public override async Task<StoredRow> ReplaceAsync(string partitionKey, string rowKey, string data, string ifMatch, CancellationToken ct)
    {
        if (rowKey.StartsWith(OutboxStore.JobPrefix, StringComparison.Ordinal) && Interlocked.Increment(ref _arrived) <= 2)
        {
            if (Volatile.Read(ref _arrived) >= 2)
            {
                _both.TrySetResult();
            }
            await _both.Task.WaitAsync(TimeSpan.FromSeconds(30));
            try
            {
                return await base.ReplaceAsync(partitionKey, rowKey, data, ifMatch, ct);
            }
            catch (ConcurrencyConflictException)
            {
                Interlocked.Increment(ref _lost);
                throw;
            }
        }
        return await base.ReplaceAsync(partitionKey, rowKey, data, ifMatch, ct);
    }
}

/// <summary>Fails the n-th batch, as if the process died there.</summary>
internal sealed class FailingTable(ITableStore inner) : DelegatingTable(inner)
{
    private int _batches;

    public int FailBatch { get; init; }

    public override Task<IReadOnlyList<StoredRow?>> ExecuteBatchAsync(string partitionKey, IReadOnlyList<RowOperation> operations, CancellationToken ct) =>
        Interlocked.Increment(ref _batches) == FailBatch
            ? throw new IOException("simulated crash")
            : base.ExecuteBatchAsync(partitionKey, operations, ct);
}

internal abstract class DelegatingTable(ITableStore inner) : ITableStore
{
    public virtual Task<StoredRow?> GetAsync(string partitionKey, string rowKey, CancellationToken ct) => inner.GetAsync(partitionKey, rowKey, ct);
    public virtual Task<StoredRow> InsertAsync(string partitionKey, string rowKey, string data, CancellationToken ct) => inner.InsertAsync(partitionKey, rowKey, data, ct);
    public virtual Task<StoredRow> UpsertAsync(string partitionKey, string rowKey, string data, CancellationToken ct) => inner.UpsertAsync(partitionKey, rowKey, data, ct);
    public virtual Task<StoredRow> ReplaceAsync(string partitionKey, string rowKey, string data, string ifMatch, CancellationToken ct) => inner.ReplaceAsync(partitionKey, rowKey, data, ifMatch, ct);
    public virtual Task DeleteAsync(string partitionKey, string rowKey, string ifMatch, CancellationToken ct) => inner.DeleteAsync(partitionKey, rowKey, ifMatch, ct);
    public virtual Task<RowPage> QueryAsync(string partitionKey, string? rowKeyPrefix, int pageSize, string? continuationToken, CancellationToken ct) => inner.QueryAsync(partitionKey, rowKeyPrefix, pageSize, continuationToken, ct);
    public virtual Task<IReadOnlyList<StoredRow?>> ExecuteBatchAsync(string partitionKey, IReadOnlyList<RowOperation> operations, CancellationToken ct) => inner.ExecuteBatchAsync(partitionKey, operations, ct);
    public virtual Task<RowPage> ScanAsync(string partitionKeyPrefix, int pageSize, string? continuationToken, CancellationToken ct) => inner.ScanAsync(partitionKeyPrefix, pageSize, continuationToken, ct);
}
