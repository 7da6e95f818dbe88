using System.Diagnostics;

namespace VpiBot.Tests.Support;

/// <summary>
/// A clock that starts at a fixed instant and then runs at real speed: dates in a test do not depend on the day it
/// runs, while timers and timeouts (the outbox, Kestrel) still pass as they really do.
/// </summary>
public sealed class PinnedClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + Stopwatch.GetElapsedTime(_started);
}
