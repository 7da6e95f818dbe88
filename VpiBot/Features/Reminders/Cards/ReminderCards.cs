using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Roadmap.Cards;
using VpiBot.Features.Shared;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Reminders.Cards;

/// <summary>Words both reminder cards use (a task's status and shortened names are the task cards': <see cref="TaskParts"/>).</summary>
public static class ReminderParts
{
    /// <summary>"due in 3 days", "due today", "3 days overdue": the due day against the reader's today.</summary>
    public static string WhenDue(DateOnly due, DateOnly today, CultureInfo culture)
    {
        var days = due.DayNumber - today.DayNumber;
        return days switch
        {
            0 => Text.Get("Reminders.DueToday", culture),
            > 0 => Text.Plural("Reminders.DueIn", culture, days),
            _ => Text.Plural("Reminders.OverdueBy", culture, -days),
        };
    }
}

/// <summary>A task's reminder, 1:1 to one of its owners: what, by when (against the owner's own today), where it stands.</summary>
public static class TaskReminderCard
{
    public static JsonObject Build(Vpi vpi, RoadmapTask t, DateOnly ownerToday, CultureInfo culture) => Card(
        [
            Heading(Text.Get("Reminders.Title", culture, t.Number, ReminderParts.WhenDue(t.Due, ownerToday, culture))),
            UserText(t.Text.Title, title: true),
            Facts(
            [
                (Text.Get("Reminders.Vpi", culture), Countries.Name(vpi.Country, culture)),
                (Text.Get("Reminders.Due", culture), Labels.Date(t.Due, culture)),
                (Text.Get("Reminders.Status", culture), TaskParts.State(t.State, culture)),
                (Text.Get("Reminders.Progress", culture), Text.Get("Reminders.Percent", culture, t.Progress)),
            ]),
        ],
        // opens the task in this 1:1 chat: the card names its VPI, and its owner is on that VPI's roster
        [Execute(Text.Get("Reminders.OpenTask", culture, t.Number), new Roadmap.ViewTask(vpi.Id, t.Number))]);
}

/// <summary>A task as the digest lists it, with what it needs to be read: its owners' names and, for a change, the last week's entries.</summary>
public sealed record DigestItem(RoadmapTask Task, IReadOnlyList<string> OwnerNames, IReadOnlyList<TaskUpdate> Changes);

/// <summary>
/// The weekly digest, in the VPI's channel: what is overdue (most overdue first), what is due in the next two weeks
/// (soonest first), what changed last week (most recent first). Each group shows at most <see cref="MaxPerGroup"/>
/// tasks and says how many more there are, so the card stays well under Teams' 40 KB however large the roadmap.
/// </summary>
public static class RoadmapDigestCard
{
    public const int MaxPerGroup = 10;
    private const int MaxOwnersNamed = 3;
    private const int MaxName = 40;

    /// <summary>The card, or null when there is nothing to say. <paramref name="today"/> is the VPI's, when the card is sent.</summary>
    public static JsonObject? Build(Vpi vpi, DateOnly weekOf, DateOnly today, IReadOnlyList<DigestItem> overdue, IReadOnlyList<DigestItem> dueSoon,
        IReadOnlyList<DigestItem> changed, CultureInfo culture)
    {
        if (overdue.Count + dueSoon.Count + changed.Count == 0)
        {
            return null;
        }
        var body = new List<JsonNode?>
        {
            Heading(Text.Get("Digest.Title", culture, Countries.Name(vpi.Country, culture))),
            Paragraph(Text.Get("Digest.Summary", culture, Labels.Date(weekOf, culture),
                Text.Plural("Digest.Overdue", culture, overdue.Count), Text.Plural("Digest.DueSoon", culture, dueSoon.Count), Text.Plural("Digest.Changed", culture, changed.Count))),
        };
        Group(body, "Digest.OverdueTitle", overdue, i => Due(i, today, culture), culture);
        Group(body, "Digest.DueSoonTitle", dueSoon, i => Due(i, today, culture), culture);
        Group(body, "Digest.ChangedTitle", changed, i => Changes(i, culture), culture);
        return Card(body, [CommandButton(Text.Get("Digest.OpenRoadmap", culture), "roadmap")]);
    }

    private static void Group(List<JsonNode?> body, string title, IReadOnlyList<DigestItem> items, Func<DigestItem, string> detail, CultureInfo culture)
    {
        if (items.Count == 0)
        {
            return;
        }
        body.Add(Subheading(Text.Get(title, culture, items.Count)));
        body.AddRange(items.Take(MaxPerGroup).Select(i => Item(i, detail(i))));
        if (items.Count > MaxPerGroup)
        {
            body.Add(Paragraph(Text.Plural("Digest.More", culture, items.Count - MaxPerGroup)));
        }
    }

    /// <summary>Title and details are one block, as text (never markdown): titles and names are what people typed.</summary>
    private static JsonObject Item(DigestItem i, string detail) => new()
    {
        ["type"] = "RichTextBlock",
        ["separator"] = true,
        ["inlines"] = new JsonArray(
            new JsonObject { ["type"] = "TextRun", ["text"] = $"#{i.Task.Number.ToString(CultureInfo.InvariantCulture)} ", ["weight"] = "Bolder" },
            new JsonObject { ["type"] = "TextRun", ["text"] = i.Task.Text.Title + "\n" },
            new JsonObject { ["type"] = "TextRun", ["text"] = detail, ["isSubtle"] = true }),
    };

    private static string Due(DigestItem i, DateOnly today, CultureInfo culture) => string.Join(" · ",
        Labels.Date(i.Task.Due, culture) + " (" + ReminderParts.WhenDue(i.Task.Due, today, culture) + ")",
        TaskParts.State(i.Task.State, culture) + ", " + Text.Get("Reminders.Percent", culture, i.Task.Progress),
        Owners(i, culture));

    private static string Changes(DigestItem i, CultureInfo culture)
    {
        var last = i.Changes[^1];
        return string.Join(" · ",
            Text.Plural("Digest.Updates", culture, i.Changes.Count),
            Text.Get("Digest.Now", culture, TaskParts.State(i.Task.State, culture), Text.Get("Reminders.Percent", culture, i.Task.Progress)),
            Text.Get("Digest.LastBy", culture, Shorten(last.ByName, MaxName)));
    }

    private static string Owners(DigestItem i, CultureInfo culture)
    {
        var named = string.Join(", ", i.OwnerNames.Take(MaxOwnersNamed).Select(n => Shorten(n, MaxName)));
        return i.OwnerNames.Count > MaxOwnersNamed ? Text.Get("Digest.OwnersMore", culture, named, i.OwnerNames.Count - MaxOwnersNamed) : named;
    }
}
