using System.Collections.Concurrent;
using VpiBot.Domain;
using VpiBot.Storage;

namespace VpiBot.Notifications;

/// <summary>
/// The VPIs the outbox delivers for, read at most every few seconds: a delivery needs only where the VPI lives and its
/// tenant, which do not change while its messages go out; a fan-out of thousands must not read the VPI row each time.
/// </summary>
public sealed class VpiSnapshots(VpiStore vpis, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private const int MaxKept = 1000;
    private readonly ConcurrentDictionary<string, (Vpi? Vpi, DateTimeOffset ReadAt)> _read = new(StringComparer.Ordinal);

    public async Task<Vpi?> GetAsync(string vpiId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_read.TryGetValue(vpiId, out var known) && now - known.ReadAt < MaxAge)
        {
            return known.Vpi;
        }
        var vpi = (await vpis.GetAsync(vpiId, ct))?.Vpi;
        if (_read.Count >= MaxKept)
        {
            _read.Clear();
        }
        _read[vpiId] = (vpi, now);
        return vpi;
    }
}
