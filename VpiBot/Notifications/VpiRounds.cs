namespace VpiBot.Notifications;

/// <summary>
/// A background service that looks at some VPIs at start (so what came while no instance ran is done late, once) and
/// then every <see cref="Interval"/>, driven by <see cref="TimeProvider"/>; one VPI's failure does not hold up the
/// others, and a failed round is tried again at the next.
/// </summary>
public abstract class VpiRounds(TimeProvider time, ILogger log) : BackgroundService
{
    /// <summary>The clock the rounds run on.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>How often a round runs (a default of five minutes when not positive).</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the rounds do, for the log ("roadmap reminders").</summary>
    protected abstract string Work { get; }

    /// <summary>The VPIs a round looks at.</summary>
    protected abstract Task<IReadOnlyList<string>> VpisAsync(CancellationToken ct);

    /// <summary>One VPI's part of a round.</summary>
    protected abstract Task RunAsync(string vpiId, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "A round of {Work} failed; trying again at the next check.", Work);
            }
            try
            {
                await Task.Delay(Interval > TimeSpan.Zero ? Interval : TimeSpan.FromMinutes(5), Time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round over every VPI.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        foreach (var vpiId in await VpisAsync(ct))
        {
            try
            {
                await RunAsync(vpiId, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogError(e, "{Work} of VPI {Vpi} failed; trying again at the next check.", Work, vpiId);
            }
        }
    }
}
