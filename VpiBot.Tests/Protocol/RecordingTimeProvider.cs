using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using VpiBot.Protocol.Connector;

namespace VpiBot.Tests.Protocol;

/// <summary>
/// A fake clock that also notes every one-shot wait asked of it, other than the Connector's call and attempt bounds:
/// the retry handler's waits before a retry, read exactly, so a test checks a delay as both a lower and an upper bound.
/// </summary>
public sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();
    private readonly ConnectorOptions _bounds = new();

    /// <summary>The waits asked for, in order (Connector:Timeout and Connector:AttemptTimeout left out).</summary>
    public IReadOnlyList<TimeSpan> RetryWaits => _waits.ToArray();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (period == Timeout.InfiniteTimeSpan && dueTime != _bounds.Timeout && dueTime != _bounds.AttemptTimeout && dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Enqueue(dueTime);
        }
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
