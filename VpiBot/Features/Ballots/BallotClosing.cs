using Microsoft.Extensions.Options;
using VpiBot.Domain;
using VpiBot.Notifications;
using VpiBot.Resources;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Ballots;

/// <summary>Settings of the ballots' background work (<c>Voting:…</c>).</summary>
public sealed class VotingOptions
{
    /// <summary>How long before the deadline voters who have not voted are reminded 1:1 (once).</summary>
    public TimeSpan RemindBefore { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the closer looks for ballots opened by other instances (it wakes at each deadline it knows of anyway).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Closing a ballot, exactly once however many ask at the same moment (the deadline on two instances, a facilitator's
/// "close vote"): every voter's gate is shut, the votes are counted, and the result, the recommendations' outcomes and
/// the <see cref="BallotClosed"/> event are written in one conditional batch — whoever writes first closed it; the
/// others find it closed, with the same count (a shut gate never opens, so all of them read the same votes).
/// </summary>
public sealed class BallotClosing(VpiStore vpis, BallotStore ballots, RecommendationStore recommendations, TimeProvider time, IOptions<VotingOptions> options)
{
    /// <summary>Closes the ballot if it is open; returns it closed (by whoever did), or null if there is none.</summary>
    public async Task<Ballot?> CloseAsync(string vpiId, int number, string byAad, string? byName, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await ballots.GetAsync(vpiId, number, ct) is not { } read)
            {
                return null;
            }
            if (read.Item.Status == BallotStatus.Closed)
            {
                await SealAsync(vpiId, read, ct);
                return read.Item;
            }
            var b = read.Item;
            await ballots.ShutAsync(vpiId, b, ct);
            var votes = await ballots.VotesAsync(vpiId, number, ct);
            var result = BallotCount.Count(b, votes.Select(v => new CastBallot(v.Side, v.Choices)).ToList());
            var now = time.GetUtcNow();
            var culture = Text.Culture(b.Culture);
            var name = byName ?? Text.Get("Ballot.ClosedAutomatically", culture);
            var concluded = new List<RowOperation>();
            foreach (var outcome in result.Outcomes)
            {
                if (await recommendations.GetAsync(vpiId, outcome.Recommendation, ct) is { } r
                    && RecommendationRules.Conclude(r.Item, number, outcome.Adopted, Text.Get($"Ballot.Reason.{outcome.Reason}", culture), byAad, name, now).Recommendation is { } done)
                {
                    concluded.Add(recommendations.Replace(r, done));
                }
            }
            var closed = b with { Status = BallotStatus.Closed, Result = result, ClosedAt = now, ClosedByName = name, Secret = null };
            try
            {
                var saved = await ballots.SaveAsync(vpiId, read, closed, [new BallotClosed(vpiId, number)], ct, concluded);
                await SealAsync(vpiId, saved, ct);
                return closed;
            }
            catch (ConcurrencyConflictException) when (attempt < 20)
            {
                await Task.Delay(ConcurrencyConflictException.Backoff(attempt), ct); // closed (or reminded) by another at the same moment: look again
            }
        }
    }

    private async Task SealAsync(string vpiId, Versioned<Ballot> closed, CancellationToken ct)
    {
        if (closed.Item.Rules.Anonymous && !closed.Item.Sealed)
        {
            try
            {
                await ballots.SealAsync(vpiId, closed, ct);
            }
            catch (ConcurrencyConflictException)
            {
                // sealed by another at the same moment
            }
        }
    }

    /// <summary>
    /// The due work of one VPI's ballots now: each open ballot past its deadline closed; "closing soon" reminders queued
    /// once for the voters who have not voted (on a ballot opened before the reminder time). Returns whether any ballot
    /// is still open, and the next moment something is due.
    /// </summary>
    public async Task<(bool AnyOpen, DateTimeOffset? NextDue)> RunDueAsync(string vpiId, CancellationToken ct)
    {
        var remindBefore = options.Value.RemindBefore;
        DateTimeOffset? next = null;
        var anyOpen = false;
        foreach (var read in await ballots.ListAsync(vpiId, ct))
        {
            var b = read.Item;
            var now = time.GetUtcNow();
            if (b.Status == BallotStatus.Closed)
            {
                await SealAsync(vpiId, read, ct); // an instance stopped between closing and sealing
                continue;
            }
            if (now >= b.Rules.Deadline)
            {
                await CloseAsync(vpiId, b.Number, "", null, ct);
                continue;
            }
            anyOpen = true;
            var remindAt = b.Rules.Deadline - remindBefore;
            if (!b.Reminded && b.OpenedAt < remindAt)
            {
                if (now >= remindAt)
                {
                    await RemindAsync(vpiId, read, ct);
                }
                else
                {
                    next = Earliest(next, remindAt);
                }
            }
            next = Earliest(next, b.Rules.Deadline);
        }
        return (anyOpen, next);
    }

    /// <summary>Queues the reminders of voters who have not voted, with the ballot marked reminded, in one conditional write (so once).</summary>
    private async Task RemindAsync(string vpiId, Versioned<Ballot> read, CancellationToken ct)
    {
        var b = read.Item;
        var marks = await ballots.MarksAsync(vpiId, b.Number, ct);
        var roster = await vpis.GetMembersAsync(vpiId, ct);
        var deliveries = roster
            .Where(m => b.VoterOf(m.AadObjectId) is not null && !(marks.TryGetValue(m.AadObjectId, out var mark) && mark.Voted))
            .OrderBy(m => m.AadObjectId, StringComparer.Ordinal)
            .Select(m => OutboxDelivery.ToMember(m, b.BotId, b.ServiceUrl, ReminderView.ViewName, new BallotRef(b.Number), b.Culture))
            .ToList();
        try
        {
            await ballots.SaveAsync(vpiId, read, b with { Reminded = true }, deliveries.Count == 0 ? [] : [new MessagesRequested(vpiId, deliveries)], ct);
        }
        catch (ConcurrencyConflictException)
        {
            // reminded or closed by another instance at the same moment
        }
    }

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;
}

/// <summary>
/// The background service that closes ballots at their deadline and sends "closing soon" reminders, on its own,
/// driven by <see cref="TimeProvider"/>: it wakes at the next deadline or reminder it knows of (or every
/// <see cref="VotingOptions.CheckInterval"/>, for ballots another instance opened), and at start, so ballots that came
/// due while no instance ran are closed after a restart.
/// </summary>
public sealed class BallotCloser(IServiceScopeFactory scopes, BallotStore ballots, TimeProvider time, IOptions<VotingOptions> options, ILogger<BallotCloser> log)
    : BackgroundService
{
    private readonly WakeSignal _wake = new();

    /// <summary>A ballot was opened here: look again now (its reminder or deadline may come before the next check).</summary>
    public void Wake() => _wake.Notify();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.CheckInterval;
            try
            {
                if (await RunOnceAsync(stoppingToken) is { } next)
                {
                    wait = TimeSpan.FromTicks(Math.Clamp((next - time.GetUtcNow()).Ticks, 0, wait.Ticks));
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Closing due ballots failed; trying again at the next check.");
            }
            try
            {
                await _wake.WaitAsync(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round over every VPI with open ballots; returns the next moment something is due.</summary>
    public async Task<DateTimeOffset?> RunOnceAsync(CancellationToken ct)
    {
        DateTimeOffset? next = null;
        foreach (var (vpiId, etag) in await ballots.VpisWithOpenBallotsAsync(ct))
        {
            await using var scope = scopes.CreateAsyncScope();
            var (anyOpen, due) = await scope.ServiceProvider.GetRequiredService<BallotClosing>().RunDueAsync(vpiId, ct);
            if (!anyOpen)
            {
                await ballots.ClearOpenMarkAsync(vpiId, etag, ct);
            }
            if (due is { } d && (next is null || d < next))
            {
                next = d;
            }
        }
        return next;
    }
}
