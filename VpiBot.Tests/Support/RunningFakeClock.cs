using Microsoft.Extensions.Time.Testing;

namespace VpiBot.Tests.Support;

/// <summary>
/// A fake clock that also runs by itself, ten times faster than real time, so that the app's own waits (the outbox's
/// polls, pacing) pass as they would; a test jumps it forward (<see cref="FakeTimeProvider.Advance"/>) to a deadline.
/// </summary>
public sealed class RunningFakeClock : FakeTimeProvider, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public RunningFakeClock(DateTimeOffset start) : base(start)
    {
        _running = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Advance(TimeSpan.FromMilliseconds(50));
                await Task.Delay(5);
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }
}
