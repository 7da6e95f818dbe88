using System.Collections.Concurrent;
using VpiBot.Protocol;
using VpiBot.Storage;

namespace VpiBot.Features.Reminders;

/// <summary>
/// Remembers, from every activity a person sends, their time zone (Teams' <c>localTimezone</c>), their language and
/// the bot's address, for the reminders sent to them later. What an activity does not carry (a conversationUpdate
/// has no <c>localTimezone</c>) is kept from before. Written only when it changed: this process remembers what it
/// read or wrote, within a bound.
/// </summary>
public sealed class PersonSettingsKeeper(PersonSettingsStore store, TimeProvider time) : IContactObserver
{
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<string, PersonSettings> _known = new(StringComparer.OrdinalIgnoreCase);

    public async Task OnContactAsync(Turn turn, CancellationToken ct)
    {
        if (turn.From.AadObjectId is not { Length: > 0 } aad)
        {
            return;
        }
        var known = _known.TryGetValue(aad, out var k) ? k : await store.GetAsync(aad, ct);
        var seen = new PersonSettings(
            ZoneOf(turn.Activity.LocalTimezone) ?? known?.TimeZone,
            string.IsNullOrWhiteSpace(turn.Activity.Locale) ? known?.Culture : turn.Culture.Name,
            turn.Activity.Recipient?.Id is { Length: > 0 } bot ? bot : known?.BotId,
            turn.Place.ServiceUrl is { Length: > 0 } url ? url : known?.ServiceUrl,
            time.GetUtcNow());
        if (known is null || seen with { UpdatedAt = default } != known with { UpdatedAt = default })
        {
            await store.SaveAsync(aad, seen, ct);
            known = seen;
        }
        if (_known.Count > MaxRemembered)
        {
            _known.Clear(); // a bound on memory; the cost is one extra read per person
        }
        _known[aad] = known;
    }

    /// <summary>A zone this machine knows (Teams sends IANA names); anything else is ignored.</summary>
    public static string? ZoneOf(string? zone)
    {
        if (string.IsNullOrWhiteSpace(zone) || zone.Length > 64)
        {
            return null;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.HasIanaId ? zone : null;
    }
}
