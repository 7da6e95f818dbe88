using System.Collections.Concurrent;
using VpiBot.Domain;
using VpiBot.Storage;

namespace VpiBot.Notifications;

/// <summary>
/// The VPIs the outbox delivers for, read at most every few seconds: a delivery needs only where the VPI lives and its
/// tenant, which do not change while its messages go out; a fan-out of thousands must not read the VPI row each time.
/// </summary>
public sealed class VpiSnapshots(VpiStore vpis, OutboxStore outbox, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private const int MaxKept = 1000;
    private readonly ConcurrentDictionary<string, (Vpi? Vpi, DateTimeOffset ReadAt)> _read = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (IReadOnlySet<string> Ids, DateTimeOffset ReadAt)> _unreachable = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the member is known to be unreachable 1:1, from a list read at most every few seconds (another
    /// instance's new 403 may be seen a little late: one more send earns one more 403, which changes nothing).
    /// </summary>
    public async Task<bool> IsUnreachableAsync(string vpiId, string aadObjectId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!_unreachable.TryGetValue(vpiId, out var known) || now - known.ReadAt >= MaxAge)
        {
            if (_unreachable.Count >= MaxKept)
            {
                _unreachable.Clear();
            }
            _unreachable[vpiId] = known = (await outbox.UnreachableIdsAsync(vpiId, ct), now);
        }
        return known.Ids.Contains(aadObjectId.ToLowerInvariant());
    }

    /// <summary>This instance just marked someone unreachable: read the list again next time.</summary>
    public void ForgetUnreachable(string vpiId) => _unreachable.TryRemove(vpiId, out _);

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
