using System.Text.Json;
using VpiBot.Domain;
using VpiBot.Features.Reminders.Cards;
using VpiBot.Notifications;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Reminders;

/// <summary>What a task reminder renders from: the task and the owner it goes to.</summary>
public sealed record TaskReminderArgs(int Number, string Owner);

/// <summary>What a digest renders from: the moment it came (its week of changes ends there) and the day it belongs to.</summary>
public sealed record DigestArgs(DateTimeOffset At, DateOnly Date);

/// <summary>A task's reminder as the task is when it is sent; nothing if it was closed meanwhile or the person is no longer its owner.</summary>
public sealed class TaskReminderView(TaskStore tasks, PersonSettingsStore people, TimeProvider time) : IMessageView
{
    public const string ViewName = "roadmap.reminder";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct)
    {
        var at = args.Deserialize<TaskReminderArgs>(VpiStore.Json)!;
        if (await tasks.GetAsync(vpi.Id, at.Number, ct) is not { Item: { IsOpen: true } t } || !t.IsOwner(at.Owner))
        {
            return null;
        }
        var zone = (await people.GetAsync(at.Owner, ct))?.TimeZone ?? vpi.TimeZone ?? TimeZones.Utc;
        return OutboxMessage.OfCard(TaskReminderCard.Build(vpi, t, TimeZones.ToLocal(time.GetUtcNow(), zone).Date, Text.Culture(culture)));
    }
}

/// <summary>The week's digest, from the roadmap as it is when it is sent; nothing when there is nothing to say.</summary>
public sealed class RoadmapDigestView(TaskStore tasks, VpiStore vpis, TimeProvider time) : IMessageView
{
    public const string ViewName = "roadmap.digest";
    public string Name => ViewName;

    /// <summary>How far ahead "due soon" looks: the next two weeks, today included.</summary>
    public const int DueSoonDays = 14;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct)
    {
        var at = args.Deserialize<DigestArgs>(VpiStore.Json)!;
        var today = TimeZones.ToLocal(time.GetUtcNow(), vpi.TimeZone ?? TimeZones.Utc).Date;
        var all = (await tasks.ListAsync(vpi.Id, ct)).Select(v => v.Item).ToList();
        var names = (await vpis.GetMembersAsync(vpi.Id, ct)).ToDictionary(m => m.AadObjectId, m => m.Name, StringComparer.OrdinalIgnoreCase);
        var (overdue, dueSoon, changed) = Groups(all, names, today, at.At);
        return RoadmapDigestCard.Build(vpi, at.Date, today, overdue, dueSoon, changed, Text.Culture(culture)) is { } card ? OutboxMessage.OfCard(card) : null;
    }

    /// <summary>
    /// The digest's groups, most urgent first: open tasks past their due day (most overdue first), open tasks due in the
    /// next two weeks (soonest first), and tasks with entries in the week before <paramref name="until"/> (latest first).
    /// </summary>
    public static (List<DigestItem> Overdue, List<DigestItem> DueSoon, List<DigestItem> Changed) Groups(IReadOnlyList<RoadmapTask> all,
        IReadOnlyDictionary<string, string> names, DateOnly today, DateTimeOffset until)
    {
        DigestItem Item(RoadmapTask t, IReadOnlyList<TaskUpdate>? changes = null) =>
            new(t, t.Owners.Select(o => names.GetValueOrDefault(o, o)).ToList(), changes ?? []);

        var overdue = all.Where(t => t.IsOverdue(today)).OrderBy(t => t.Due).ThenBy(t => t.Number).Select(t => Item(t)).ToList();
        var dueSoon = all.Where(t => t.IsOpen && t.Due >= today && t.Due < today.AddDays(DueSoonDays))
            .OrderBy(t => t.Due).ThenBy(t => t.Number).Select(t => Item(t)).ToList();
        var changed = all
            .Select(t => (Task: t, Changes: t.Log.Where(u => u.At >= until.AddDays(-7) && u.At < until).ToList()))
            .Where(x => x.Changes.Count > 0)
            .OrderByDescending(x => x.Changes[^1].At).ThenBy(x => x.Task.Number)
            .Select(x => Item(x.Task, x.Changes)).ToList();
        return (overdue, dueSoon, changed);
    }
}
