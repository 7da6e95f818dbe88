using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VpiBot.Domain;
using VpiBot.Protocol.Connector;
using VpiBot.Storage;
using VpiBot.Telemetry;

namespace VpiBot.Notifications;

/// <summary>Settings of the durable outbox (<c>Outbox:…</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Sends in flight at once in this instance: with Connector taking ~200 ms a send, 32 keep a 50/s share busy.</summary>
    public int MaxSendsInFlight { get; set; } = 32;
    /// <summary>How many queued messages to one conversation a worker sends in a row (in order) before the next scan.</summary>
    public int MaxJobsPerConversationTurn { get; set; } = 8;
    /// <summary>How long a claim holds; an instance killed mid-send loses its claims after this and another takes over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>How often the markers are read for other instances' work (commits in this instance wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>An instance that has not beaten for this long no longer counts towards the limits' shares.</summary>
    public TimeSpan InstanceTimeToLive { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Attempts before a job is given up (kept as failed, listable): nothing retries forever.</summary>
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>The bound on every Connector call of the outbox.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Added to every window of Teams' limits when pacing (sends reach Teams a little after their slot, unevenly).</summary>
    public TimeSpan PacingMargin { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>This instance's name in leases and heartbeats; default: host, process id and a random tail.</summary>
    public string? InstanceId { get; set; }
}

/// <summary>
/// Delivers the durable outbox of every VPI. Finds VPIs with work by their markers (woken at once by a local commit,
/// otherwise every <see cref="OutboxOptions.PollInterval"/>), reads their jobs in queue order, and hands each
/// conversation's due jobs, in order, to one worker, up to <see cref="OutboxOptions.MaxSendsInFlight"/> workers. A
/// worker claims each job with a lease (ETag-conditional), expands an event into its deliveries or sends a delivery
/// (<see cref="DeliverySender"/>), then deletes, reschedules or gives up the job. Heartbeats an <c>instances</c> row
/// so that every instance paces at its share of Teams' limits; on a graceful stop, releases what it holds.
/// </summary>
public sealed class OutboxDispatcher(
    OutboxStore store,
    WakeSignal signal,
    IServiceScopeFactory scopes,
    TeamsRateLimiter limiter,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> log,
    VpiTelemetry? telemetry = null) : BackgroundService
{
    private readonly OutboxOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _workers = new();
    private int _active;
    private DateTimeOffset _nextHeartbeat = DateTimeOffset.MinValue;

    public string InstanceId { get; } = options.Value.InstanceId
        ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await HeartbeatIfDueAsync(stoppingToken);
                    await DispatchAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogError(e, "The outbox dispatcher failed a round; it tries again");
                }
                await signal.WaitAsync(_options.PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(_workers.Keys); // each worker releases what it holds when stopped
            await store.RemoveInstanceAsync(InstanceId, CancellationToken.None);
        }
    }

    /// <summary>One round, waiting for the workers it started: what a test (or a tool) calls instead of the loop.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        await HeartbeatIfDueAsync(ct);
        await DispatchAsync(ct);
        await Task.WhenAll(_workers.Keys);
    }

    private async Task HeartbeatIfDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now < _nextHeartbeat)
        {
            return;
        }
        if (_nextHeartbeat == DateTimeOffset.MinValue)
        {
            limiter.SetMargin(_options.PacingMargin);
        }
        _nextHeartbeat = now + _options.HeartbeatInterval;
        await store.HeartbeatAsync(InstanceId, now + _options.InstanceTimeToLive, ct);
        limiter.SetInstances(await store.CountLiveInstancesAsync(ct));
    }

    private int Free => _options.MaxSendsInFlight - Volatile.Read(ref _active);

    /// <summary>
    /// One round over the VPIs with work. What it read feeds the outbox gauges (no scan of its own): the jobs seen, and
    /// the oldest of them — exact, as each VPI's queue is read oldest first; the count is a lower bound when the round
    /// stops early because every sender is busy.
    /// </summary>
    private async Task DispatchAsync(CancellationToken ct)
    {
        long pending = 0;
        DateTimeOffset? oldest = null;
        try
        {
            await foreach (var marker in store.ListDirtyAsync(ct))
            {
                if (Free <= 0)
                {
                    return;
                }
                var (seen, first) = await DispatchVpiAsync(marker, ct);
                pending += seen;
                oldest = first is { } f && (oldest is null || f < oldest) ? f : oldest;
            }
        }
        finally
        {
            telemetry?.OutboxObserved(pending, oldest);
        }
    }

    /// <summary>
    /// Reads the VPI's jobs in queue order and starts a worker per conversation with due jobs. A conversation whose
    /// first unfinished job is held (here or by another instance) or not yet due waits: its messages keep their order.
    /// </summary>
    private async Task<(long Seen, DateTimeOffset? Oldest)> DispatchVpiAsync(DirtyVpi marker, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var any = false;
        long seen = 0;
        DateTimeOffset? oldest = null;
        var waiting = new HashSet<string>(StringComparer.Ordinal);
        var runs = new Dictionary<string, List<OutboxJob>>(StringComparer.Ordinal);
        var order = new List<string>();
        var free = Free;
        await foreach (var job in store.ScanAsync(marker.VpiId, ct))
        {
            any = true;
            seen++;
            oldest = oldest is { } o && o <= job.CreatedAt ? o : job.CreatedAt;
            var key = job.OrderKey;
            if (waiting.Contains(key))
            {
                continue;
            }
            if (_held.ContainsKey(Held(job)) || job.IsLeasedAt(now) || job.NextAttemptAt > now)
            {
                waiting.Add(key);
                continue;
            }
            if (runs.TryGetValue(key, out var run))
            {
                if (run.Count >= _options.MaxJobsPerConversationTurn)
                {
                    waiting.Add(key);
                    continue;
                }
                run.Add(job);
            }
            else if (order.Count < free)
            {
                runs[key] = [job];
                order.Add(key);
            }
            else
            {
                break;
            }
        }
        if (!any)
        {
            await store.ClearDirtyAsync(marker, ct);
            return (0, null);
        }
        foreach (var key in order)
        {
            Start(runs[key], ct);
        }
        return (seen, oldest);
    }

    private void Start(List<OutboxJob> run, CancellationToken ct)
    {
        foreach (var job in run)
        {
            _held[Held(job)] = 0;
        }
        Interlocked.Increment(ref _active);
        var worker = Task.Run(() => WorkAsync(run, ct), CancellationToken.None);
        _workers[worker] = 0;
        _ = worker.ContinueWith(t => _workers.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>One conversation's due jobs, in order; stops at the first that is not done (the rest wait for it).</summary>
    private async Task WorkAsync(List<OutboxJob> run, CancellationToken ct)
    {
        OutboxJob? claimed = null; // claimed and not yet settled: what a stop must give back
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            foreach (var read in run)
            {
                if (ct.IsCancellationRequested)
                {
                    return;
                }
                claimed = await store.TryClaimAsync(read, InstanceId, time.GetUtcNow() + _options.Lease, ct);
                if (claimed is null)
                {
                    return; // another instance claimed it first; the rest of this conversation waits for it
                }
                var done = await RunAsync(claimed, scope.ServiceProvider, ct);
                claimed = null; // settled, released or rescheduled by the run itself
                if (!done)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopped before the run settled its job (reading the VPI, rendering, pacing): give it back now, so that
            // another instance takes it at once instead of when the lease ends
            if (claimed is not null)
            {
                await ReleaseQuietlyAsync(claimed);
            }
        }
        catch (Exception e)
        {
            log.LogError(e, "An outbox worker failed; its jobs are retried when their leases end");
        }
        finally
        {
            foreach (var job in run)
            {
                _held.TryRemove(Held(job), out _);
            }
            if (Interlocked.Decrement(ref _active) <= _options.MaxSendsInFlight / 2)
            {
                signal.Notify(); // room for more: look again without waiting for the poll
            }
        }
    }

    /// <summary>Runs one claimed job; true when it is done (finished, given up) and the next of its conversation may go.</summary>
    private async Task<bool> RunAsync(OutboxJob job, IServiceProvider services, CancellationToken ct)
    {
        if (job.Kind == OutboxJobKind.Delivery)
        {
            return await services.GetRequiredService<DeliverySender>().DeliverAsync(job, InstanceId, ct);
        }
        var type = services.GetServices<VpiEventType>().FirstOrDefault(t => t.Name == job.EventType);
        if (type is null)
        {
            await store.GiveUpAsync(job, $"No handler is registered for events of type '{job.EventType}'.", [], ct);
            return true;
        }
        try
        {
            var e = (IVpiEvent)JsonSerializer.Deserialize(job.Event!, type.Type, VpiStore.Json)!;
            var deliveries = await type.Deliveries(services, e, ct);
            await store.ExpandAsync(job, deliveries, ct);
            signal.Notify();
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await ReleaseQuietlyAsync(job);
            return false;
        }
        catch (Storage.Tables.ConcurrencyConflictException)
        {
            return false; // the lease ran out and another instance took the event over
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Expanding a {Type} event of VPI {Vpi} failed", job.EventType, job.VpiId);
            await services.GetRequiredService<DeliverySender>().RetryOrGiveUpAsync(job, null, "handler failed: " + e.Message, ct);
            return false;
        }
    }

    private async Task ReleaseQuietlyAsync(OutboxJob job)
    {
        try
        {
            await store.ReleaseAsync(job, CancellationToken.None);
        }
        catch (Storage.Tables.ConcurrencyConflictException)
        {
            // changed since it was claimed (settled meanwhile, or the lease was taken over): nothing of ours to give back
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not release an outbox job; its lease ends on its own");
        }
    }

    private static string Held(OutboxJob job) => job.VpiId + "\n" + job.RowKey;
}
