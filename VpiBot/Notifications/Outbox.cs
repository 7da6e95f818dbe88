using System.Threading.Channels;

namespace VpiBot.Notifications;

/// <summary>
/// Work that follows a turn but need not delay its answer (updating posted cards, telling an author about a decision).
/// Run in the background, each job in its own DI scope. Jobs are best-effort notifications: the state they report
/// is already saved, and every card shows the current state again when refreshed.
/// </summary>
public sealed class Outbox
{
    private readonly Channel<Func<IServiceProvider, CancellationToken, Task>> _jobs =
        Channel.CreateBounded<Func<IServiceProvider, CancellationToken, Task>>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });

    public ValueTask EnqueueAsync(Func<IServiceProvider, CancellationToken, Task> job, CancellationToken ct) => _jobs.Writer.WriteAsync(job, ct);

    internal ChannelReader<Func<IServiceProvider, CancellationToken, Task>> Reader => _jobs.Reader;
}

/// <summary>
/// Runs the outbox with a few jobs at a time: sends to different conversations wait for Teams' limits independently,
/// so one busy conversation does not hold up the rest.
/// </summary>
public sealed class OutboxWorker(Outbox outbox, IServiceScopeFactory scopes, ILogger<OutboxWorker> log) : BackgroundService
{
    public const int Concurrency = 4;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => RunAsync(stoppingToken)));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in outbox.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await job(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "A background notification failed");
            }
        }
    }
}
