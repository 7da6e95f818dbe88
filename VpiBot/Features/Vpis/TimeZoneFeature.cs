using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Features.Vpis.Cards;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Vpis;

public static class TimeZoneRoutes
{
    public static void Map(VpiRoutes routes) => routes
        .Command<TimeZoneHandlers>("time zone", CommandGroup.GettingStarted, Access.Facilitator, (h, t, _, _) => Task.FromResult(h.Show(t)))
        .Card<TimeZoneHandlers, SaveTimeZone>(Access.Facilitator, (h, t, data, ct) => h.SaveAsync(t, data, ct));
}

/// <summary>
/// "time zone": facilitators confirm or change the zone the VPI's dates and deadlines are chosen in. Only a zone the
/// card offers (the VPI's country's, or UTC) is saved; the answer is the VPI's summary, with a button for the command
/// the zone was asked for, if any.
/// </summary>
public sealed class TimeZoneHandlers(VpiStore store, RouteTable routes, TimeProvider time)
{
    public Answer Show(VpiTurn t) => Answer.Card(TimeZoneCard.Build(t.Vpi, t.Culture, null, null));

    public async Task<Answer> SaveAsync(VpiTurn t, SaveTimeZone data, CancellationToken ct)
    {
        var then = IsCommand(data.Then) ? data.Then : null;
        if (data.TimeZone is null || !TimeZones.Offered(t.Vpi.Country).Contains(data.TimeZone))
        {
            return Answer.Card(TimeZoneCard.Build(t.Vpi, t.Culture, t.Say("TimeZone.Unknown"), then, problem: true));
        }
        try
        {
            var saved = await store.UpdateAsync(t.Current, t.Vpi with { TimeZone = data.TimeZone }, ct);
            var members = (await store.GetMembersAsync(saved.Vpi.Id, ct)).Count;
            return Answer.Card(VpiSummaryCard.Build(saved.Vpi, members, true, time.GetUtcNow(), t.Culture,
                t.Say("TimeZone.Saved", Labels.TimeZone(data.TimeZone!, time.GetUtcNow(), t.Culture)), then));
        }
        catch (ConcurrencyConflictException)
        {
            // someone else changed the VPI meanwhile: show what is true now, change nothing
            var now = await store.GetAsync(t.Vpi.Id, ct);
            return Answer.Card(TimeZoneCard.Build(now!.Vpi, t.Culture, t.Say("Refusal.StaleCard"), then));
        }
    }

    /// <summary>Whether a card's "then" names a command as it is typed, with nothing after it (cards are untrusted input).</summary>
    private bool IsCommand(string? name) => name is not null && routes.Match(name) is ({ } route, "") && route.Name == name;
}
