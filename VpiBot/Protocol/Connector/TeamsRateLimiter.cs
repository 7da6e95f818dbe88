namespace VpiBot.Protocol.Connector;

/// <summary>A sliding window: at most <see cref="Limit"/> sends in any <see cref="Span"/>.</summary>
public readonly record struct SendWindow(TimeSpan Span, int Limit);

/// <summary>
/// Spaces proactive sends so the bot stays inside Teams' published limits instead of collecting 429s:
/// per bot per conversation 7 in 1 s, 8 in 2 s, 60 in 30 s, 1800 in an hour; per app per tenant 50 per second.
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit#per-bot-per-thread-limit
/// A caller reserves the next free slot and waits until it. Reservations are kept per process; when N instances send
/// at once, each keeps to its share (<see cref="SetInstances"/>: every limit divided by N, rounded down, at least 1),
/// so the deployment as a whole stays within the limits however many instances run.
/// </summary>
public sealed class TeamsRateLimiter(TimeProvider time)
{
    public static readonly SendWindow[] PerConversation =
    [
        new(TimeSpan.FromSeconds(1), 7),
        new(TimeSpan.FromSeconds(2), 8),
        new(TimeSpan.FromSeconds(30), 60),
        new(TimeSpan.FromHours(1), 1800),
    ];

    public static readonly SendWindow[] PerTenant = [new(TimeSpan.FromSeconds(1), 50)];

    private readonly Dictionary<string, List<DateTimeOffset>> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DateTimeOffset>> _tenants = new(StringComparer.Ordinal);
    private readonly object _lock = new();
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;
    private int _instances = 1;
    private SendWindow[] _conversationShare = PerConversation;
    private SendWindow[] _tenantShare = PerTenant;

    /// <summary>How many instances share the limits (the live instances of the deployment, at least 1).</summary>
    public int Instances
    {
        get { lock (_lock) { return _instances; } }
    }

    private TimeSpan _margin = TimeSpan.Zero;

    /// <summary>Paces this instance at 1/<paramref name="instances"/> of every limit from now on.</summary>
    public void SetInstances(int instances)
    {
        lock (_lock)
        {
            _instances = Math.Max(1, instances);
            _conversationShare = ShareOf(PerConversation, _instances, _margin);
            _tenantShare = ShareOf(PerTenant, _instances, _margin);
        }
    }

    /// <summary>
    /// Widens every window by <paramref name="margin"/>: a send leaves at its slot but reaches Teams a little later, by
    /// an amount that varies, so pacing exactly at the limit would be over it now and then as Teams counts.
    /// </summary>
    public void SetMargin(TimeSpan margin)
    {
        lock (_lock)
        {
            _margin = margin < TimeSpan.Zero ? TimeSpan.Zero : margin;
        }
        SetInstances(Instances);
    }

    /// <summary>One instance's share of the windows when <paramref name="instances"/> send at once: each limit divided, rounded down, at least 1 send
    /// (each span widened by <paramref name="margin"/>).</summary>
    public static SendWindow[] ShareOf(IReadOnlyList<SendWindow> windows, int instances, TimeSpan margin = default) =>
        windows.Select(w => new SendWindow(w.Span + margin, Math.Max(1, w.Limit / Math.Max(1, instances)))).ToArray();

    /// <summary>Waits until a send to this conversation is within the limits, and counts it.</summary>
    public async Task WaitTurnAsync(string tenantId, string conversationId, CancellationToken ct)
    {
        var delay = Reserve(tenantId, conversationId);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, ct);
        }
    }

    /// <summary>Reserves the next slot and returns how long until it.</summary>
    public TimeSpan Reserve(string tenantId, string conversationId)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            SweepIdle(now);
            var conversation = SendsOf(_conversations, conversationId, now);
            var tenant = SendsOf(_tenants, tenantId, now);
            // A conversation's messages go out in the order they were reserved; other conversations of the
            // tenant are not queued behind it, they only share the tenant's window.
            var slot = conversation.Count > 0 ? Later(now, conversation[^1]) : now;
            while (true)
            {
                var next = NextSlot(tenant, NextSlot(conversation, slot, _conversationShare), _tenantShare);
                if (next == slot)
                {
                    break;
                }
                slot = next;
            }
            conversation.Add(slot);
            tenant.Insert(FirstAfter(tenant, slot), slot);
            return slot - now;
        }
    }

    /// <summary>
    /// The earliest time at or after <paramref name="from"/> at which one more send keeps every window within its limit,
    /// given other sends in ascending order (some may be reserved after <paramref name="from"/>). Windows are half-open,
    /// (x - span, x]. Pure, so the arithmetic is tested on its own.
    /// </summary>
    public static DateTimeOffset NextSlot(IReadOnlyList<DateTimeOffset> sends, DateTimeOffset from, IReadOnlyList<SendWindow> windows)
    {
        var slot = from;
        bool moved;
        do
        {
            moved = false;
            foreach (var window in windows)
            {
                if (BlockedUntil(sends, slot, window) is { } freedAt && freedAt > slot)
                {
                    slot = freedAt;
                    moved = true;
                }
            }
        }
        while (moved);
        return slot;
    }

    /// <summary>
    /// A send at <paramref name="slot"/> lies in every window (x - span, x] with x in [slot, slot + span). The count of
    /// other sends in such a window peaks at x = slot or where a later send enters; where it is already at the limit,
    /// no time before the oldest of those sends leaves the window can work. Null when the send fits.
    /// </summary>
    private static DateTimeOffset? BlockedUntil(IReadOnlyList<DateTimeOffset> sends, DateTimeOffset slot, SendWindow window)
    {
        DateTimeOffset? blockedUntil = null;
        var x = slot;
        for (var next = FirstAfter(sends, slot); ; next++)
        {
            var upTo = FirstAfter(sends, x); // sends[..upTo] are <= x
            var inWindow = upTo - FirstAfter(sends, x - window.Span);
            if (inWindow >= window.Limit)
            {
                var freedAt = sends[upTo - window.Limit] + window.Span;
                blockedUntil = blockedUntil is { } b && b > freedAt ? b : freedAt;
            }
            if (next >= sends.Count || sends[next] >= slot + window.Span)
            {
                return blockedUntil;
            }
            x = sends[next];
        }
    }

    private static int FirstAfter(IReadOnlyList<DateTimeOffset> sends, DateTimeOffset instant)
    {
        int lo = 0, hi = sends.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sends[mid] > instant) { hi = mid; } else { lo = mid + 1; }
        }
        return lo;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>Forgets conversations and tenants with no send in the last hour, at most once an hour, so memory stays bounded.</summary>
    private void SweepIdle(DateTimeOffset now)
    {
        if (now - _lastSweep < TimeSpan.FromHours(1))
        {
            return;
        }
        _lastSweep = now;
        foreach (var all in new[] { _conversations, _tenants })
        {
            foreach (var key in all.Where(e => e.Value.Count == 0 || e.Value[^1] <= now - TimeSpan.FromHours(1)).Select(e => e.Key).ToList())
            {
                all.Remove(key);
            }
        }
    }

    private static List<DateTimeOffset> SendsOf(Dictionary<string, List<DateTimeOffset>> all, string key, DateTimeOffset now)
    {
        if (!all.TryGetValue(key, out var sends))
        {
            all[key] = sends = [];
        }
        var expired = FirstAfter(sends, now - TimeSpan.FromHours(1));
        if (expired > 0)
        {
            sends.RemoveRange(0, expired);
        }
        return sends;
    }
}
