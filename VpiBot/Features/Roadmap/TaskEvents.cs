using System.Globalization;
using System.Text.Json;
using VpiBot.Domain;
using VpiBot.Features.Roadmap.Cards;
using VpiBot.Notifications;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Roadmap;

/// <summary>
/// A task was added to the roadmap. Owes: its card posted in the VPI's channel and sent 1:1 to each owner, every copy
/// tracked for updates. <paramref name="BotId"/> and <paramref name="ServiceUrl"/> are how the bot opens 1:1 chats.
/// </summary>
public sealed record TaskAdded(string VpiId, int Number, string Culture, string BotId, string ServiceUrl) : IVpiEvent;

/// <summary>Someone updated a task. Owes: every posted copy of its card updated.</summary>
public sealed record TaskUpdated(string VpiId, int Number, string Culture) : IVpiEvent;

/// <summary>What task views render from: the task's number.</summary>
public sealed record TaskRef(int Number);

/// <summary>The deliveries a task owes, from the task and the roster as they are when the event is handled.</summary>
public sealed class TaskNotifications(VpiStore vpis, TaskStore tasks) : IVpiEventHandler<TaskAdded>, IVpiEventHandler<TaskUpdated>
{
    /// <summary>The tracking key of a task's cards sent 1:1 (no tracking key may begin another: they are listed by prefix).</summary>
    public static string Track(int number) => "task|" + number.ToString("D6", CultureInfo.InvariantCulture) + "|1to1";

    /// <summary>The tracking key of its card posted in the VPI's channel.</summary>
    public static string HomeTrack(int number) => "task|" + number.ToString("D6", CultureInfo.InvariantCulture) + "|home";

    public async Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(TaskAdded e, CancellationToken ct)
    {
        if (await tasks.GetAsync(e.VpiId, e.Number, ct) is not { Item: var task })
        {
            return [];
        }
        var card = new TaskRef(e.Number);
        var owners = (await vpis.GetMembersAsync(e.VpiId, ct)).Where(m => task.IsOwner(m.AadObjectId))
            .OrderBy(m => m.AadObjectId, StringComparer.Ordinal); // the same order each time the event is handled
        return
        [
            OutboxDelivery.ToHome(TaskCardView.ViewName, card, e.Culture, HomeTrack(e.Number)),
            .. owners.Select(o => OutboxDelivery.ToMember(o, e.BotId, e.ServiceUrl, TaskCardView.ViewName, card, e.Culture, Track(e.Number))),
        ];
    }

    /// <summary>Every copy follows every update (a task has at most 20 owners, so at most 21 copies).</summary>
    public Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(TaskUpdated e, CancellationToken ct)
    {
        var card = new TaskRef(e.Number);
        return Task.FromResult<IReadOnlyList<OutboxDelivery>>(
        [
            OutboxDelivery.UpdatePosted(HomeTrack(e.Number), TaskCardView.ViewName, card, e.Culture),
            OutboxDelivery.UpdatePosted(Track(e.Number), TaskCardView.ViewName, card, e.Culture),
        ]);
    }
}

/// <summary>The task card as it is now: everyone's view (no update form; owners and facilitators get theirs on refresh).</summary>
public sealed class TaskCardView(TaskStore tasks, TaskReading reading) : IMessageView
{
    public const string ViewName = "task.card";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct) =>
        await tasks.GetAsync(vpi.Id, args.Deserialize<TaskRef>(VpiStore.Json)!.Number, ct) is { Item: var task }
            ? OutboxMessage.OfCard(TaskCard.Build(vpi, await reading.ShownAsync(vpi, task, ct), canUpdate: false, Text.Culture(culture), posted: true))
            : null;
}

/// <summary>Reads what task cards show, as it is now.</summary>
public sealed class TaskReading(VpiStore vpis, RecommendationStore recommendations, TaskStore tasks, TimeProvider time)
{
    /// <summary>Today in the VPI's time zone: what "due" and "overdue" are measured against.</summary>
    public DateOnly Today(Vpi vpi) => TimeZones.ToLocal(time.GetUtcNow(), vpi.TimeZone ?? TimeZones.Utc).Date;

    /// <summary>
    /// The task with its owners' names, its recommendation, and the Teams ids of those who may update it (owners and
    /// facilitators), for the card's refresh: none beyond Teams' 60, and "Open my view" then.
    /// </summary>
    public async Task<TaskShown> ShownAsync(Vpi vpi, RoadmapTask task, CancellationToken ct)
    {
        var roster = await vpis.GetMembersAsync(vpi.Id, ct);
        var recommendation = task.Recommendation is { } n ? (await recommendations.GetAsync(vpi.Id, n, ct))?.Item : null;
        var updaters = roster.Where(m => m.Role == VpiRole.Facilitator || task.IsOwner(m.AadObjectId)).Select(m => m.TeamsId).ToList();
        return new TaskShown(task, Names(roster), recommendation, updaters.Count <= TaskCard.MaxRefreshUsers ? updaters : [], Today(vpi));
    }

    /// <summary>Every task of the VPI, with the roster's names and today's date.</summary>
    public async Task<TaskListing> ListingAsync(Vpi vpi, CancellationToken ct)
    {
        var all = (await tasks.ListAsync(vpi.Id, ct)).Select(v => v.Item).ToList();
        var titles = all.Any(t => t.Recommendation is not null)
            ? (await recommendations.ListAsync(vpi.Id, ct)).ToDictionary(r => r.Item.Number, r => r.Item.Text.Title)
            : [];
        return new TaskListing(all, Names(await vpis.GetMembersAsync(vpi.Id, ct)), titles, Today(vpi));
    }

    private static Dictionary<string, string> Names(IEnumerable<Member> roster) =>
        roster.ToDictionary(m => m.AadObjectId, m => m.Name, StringComparer.OrdinalIgnoreCase);
}
