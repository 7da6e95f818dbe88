using VpiBot.Domain;
using VpiBot.Notifications;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Notifications;

/// <summary>
/// Two instances of the real app on one SQLite file. The lease is ten minutes, so a job the stopping instance held can
/// only be delivered by the other within the test if the stopping one gave it back; no wait in the test is a timing
/// assertion (each only bounds how long the test may hang).
/// </summary>
public sealed class ShutdownTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60); // ten times less than the lease
    private const string HomeConversation = "19:home-shutdown@thread.tacv2";
    private readonly FakeConnector _connector = new();
    private readonly string _database = TempSqlite.NewPath();
    private readonly string _vpiId = "vpi-" + Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync() => _connector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    private BotApp Instance(string id) => new(new Dictionary<string, string?>
    {
        ["Storage:Sqlite:Path"] = _database,
        ["Outbox:InstanceId"] = id,
        ["Outbox:Lease"] = "00:10:00",
        ["Outbox:PollInterval"] = "00:00:00.200",
    });

    [Fact]
    public async Task A_stopping_instance_gives_back_its_leases_and_heartbeat_so_another_delivers_its_job_at_once()
    {
        var sendArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connector.ThenAnswer(async http =>
        {
            sendArrived.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted); // a slow send: answered never, cut off by the stop
            }
            catch (OperationCanceledException)
            {
            }
        });
        var a = Instance("instance-a");
        var table = a.Services.GetRequiredService<ITableStore>(); // starts A, its dispatcher with it
        await SeedVpiAsync(a.Services);
        await a.Services.GetRequiredService<OutboxStore>().CommitAsync(_vpiId, [],
            [new MessagesRequested(_vpiId, [OutboxDelivery.ToHome(ResourceTextView.ViewName, new ResourceTextArgs("Outbox.MemberUnreachable", ["someone"]), "en")])], Ct);

        await sendArrived.Task.WaitAsync(Bound); // A is sending the delivery, and holds its lease
        var held = Assert.Single(await JobsAsync(table));
        Assert.Equal("instance-a", held.LeaseOwner);
        Assert.True(held.LeaseUntil > DateTimeOffset.UtcNow.AddMinutes(9));
        Assert.NotNull(await table.GetAsync(OutboxStore.InstancesPartition, "instance-a", Ct));

        var b = Instance("instance-b");
        await using (b)
        {
            _ = b.Services; // B runs beside A, and waits: the job is A's for ten minutes
            await a.DisposeAsync(); // A stops (ApplicationStopping, then the dispatcher's StopAsync)

            Assert.Null(await table.GetAsync(OutboxStore.InstancesPartition, "instance-a", Ct)); // its heartbeat is gone: B paces at the whole share
            var delivered = await WaitForAsync(async () => (await JobsAsync(table)).Count == 0 && Sends().Count == 2);
            Assert.True(delivered, "B did not deliver the job A gave back");
            Assert.All(Sends(), s => Assert.Contains("someone", s.Body, StringComparison.Ordinal));
            Assert.Empty(await table.QueryAllAsync(VpiStore.Partition(_vpiId), OutboxStore.FailedPrefix, Ct)); // nothing given up, no attempt counted
        }
    }

    private List<ConnectorCall> Sends() =>
        _connector.Calls.Where(c => c.Method == "POST" && c.RawPath.EndsWith("/activities", StringComparison.Ordinal)).ToList();

    private async Task<List<OutboxJob>> JobsAsync(ITableStore table)
    {
        var store = new OutboxStore(table, TimeProvider.System, new WakeSignal());
        var jobs = new List<OutboxJob>();
        await foreach (var job in store.ScanAsync(_vpiId, Ct))
        {
            jobs.Add(job);
        }
        return jobs;
    }

    /// <summary>Polls until <paramref name="condition"/> holds, at most <see cref="Bound"/>.</summary>
    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + Bound;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(50);
        }
        return await condition();
    }

    private async Task SeedVpiAsync(IServiceProvider services)
    {
        var now = DateTimeOffset.UtcNow;
        var vpi = new Vpi(_vpiId, "GH", TeamsActivities.TenantId, Instrument.Untoc, ReviewCluster.Prevention, CollaborationLevel.Medium,
            new VpiHome(HomeConversation, _connector.BaseUrl, "team-1", HomeConversation, true), new Dictionary<VpiStage, DateOnly>(), [], "aad-fac", now);
        await services.GetRequiredService<VpiStore>().CreateAsync(vpi,
            new Member("aad-fac", "29:aad-fac", "Facilitator", null, VpiRole.Facilitator, "Org", OrganisationType.Government, "aad-fac", now), Ct);
    }
}

/// <summary>
/// A stop that comes while a claimed job is still being prepared (its view rendered, before any send) gives the job
/// back too: the worker, not only the send, releases what it claimed.
/// </summary>
public sealed class ShutdownWhileRenderingTests : OutboxTestBase
{
    private StallingTable _table = null!;

    protected override ITableStore CreateStore() =>
        _table = new StallingTable(new SqliteTableStore(Path.Combine(Path.GetTempPath(), "vpibot-outbox-" + Guid.NewGuid().ToString("N"), "outbox.db")));

    [Fact]
    public async Task A_stop_while_a_job_is_rendered_gives_it_back_uncounted()
    {
        var a = Instance("stopping", o => o.Lease = TimeSpan.FromMinutes(10));
        await a.Outbox.CommitAsync(VpiId, [], [new NoteRequested(VpiId, "held", [], ToHome: true)], Ct);
        await a.RunOnceAsync(); // expands the event into one delivery
        _table.Stall = true;

        await a.Dispatcher.StartAsync(Ct);
        await _table.Stalled.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the view is being rendered, the job claimed
        Assert.Equal("stopping", (await JobsAsync(a.Outbox)).Single().LeaseOwner);
        await a.Dispatcher.StopAsync(Ct);

        var job = (await JobsAsync(a.Outbox)).Single();
        Assert.Null(job.LeaseOwner);
        Assert.Null(job.LeaseUntil);
        Assert.Equal(0, job.Attempts);
        Assert.Null(await Table.GetAsync(OutboxStore.InstancesPartition, "stopping", Ct));
        Assert.Empty(Sent());

        _table.Stall = false;
        await RunUntilEmptyAsync(Instance("b")); // at once: the clock has not moved, the ten-minute lease is not what freed it
        Assert.Single(Sent());
    }

    /// <summary>Holds every read of the test view's state row, while <see cref="Stall"/>, until the reader gives up.</summary>
    internal sealed class StallingTable(SqliteTableStore inner) : DelegatingTable(inner), IDisposable
    {
        private readonly SqliteTableStore _file = inner;

        public volatile bool Stall;
        public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task<StoredRow?> GetAsync(string partitionKey, string rowKey, CancellationToken ct)
        {
            if (Stall && rowKey == NoteView.StateRow)
            {
                Stalled.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }
            return await base.GetAsync(partitionKey, rowKey, ct);
        }

        public void Dispose() => _file.Dispose();
    }
}
