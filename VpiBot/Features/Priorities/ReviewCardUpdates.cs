using System.Collections.Concurrent;
using System.Globalization;
using VpiBot.Features.Priorities.Cards;
using VpiBot.Notifications;
using VpiBot.Storage;

namespace VpiBot.Features.Priorities;

/// <summary>
/// Keeps every posted copy of a review card showing the priority's current state. Requests are coalesced per
/// priority: while an update is queued, more decisions do not queue more — the update reads the newest state when it
/// runs. So a burst of decisions costs one round of PUTs per priority, not one per decision.
/// </summary>
public sealed class ReviewCardUpdates(Outbox outbox)
{
    private readonly ConcurrentDictionary<(string VpiId, int Number), bool> _queued = new();

    public ValueTask RequestAsync(string vpiId, int number, CultureInfo culture, CancellationToken ct)
    {
        if (!_queued.TryAdd((vpiId, number), true))
        {
            return ValueTask.CompletedTask;
        }
        return outbox.EnqueueAsync(async (services, stop) =>
        {
            _queued.TryRemove((vpiId, number), out _); // from here on, a new decision queues a new update
            var vpis = services.GetRequiredService<VpiStore>();
            var vpi = (await vpis.GetAsync(vpiId, stop))?.Vpi;
            var found = await services.GetRequiredService<PriorityStore>().GetAsync(vpiId, number, stop);
            if (vpi is null || found is null)
            {
                return;
            }
            var p = found.Priority;
            var card = ReviewCard.Build(vpi, p, await ReviewCards.ReviewerTeamsIdsAsync(vpis, p, vpiId, stop), canDecide: false, culture);
            var messenger = services.GetRequiredService<ProactiveMessenger>();
            foreach (var posted in p.Cards)
            {
                await messenger.UpdateCardAsync(posted, vpi.TenantId, card, stop);
            }
        }, ct);
    }
}
