using VpiBot.Domain.Questions;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Roadmap;

/// <summary>
/// The "add task" form's button, with its inputs as typed: the recommendation ("0" for none), the owners (a
/// multi-select: Entra object ids joined by commas), the lead side, and the start and due days (yyyy-MM-dd, in the VPI's
/// time zone).
/// </summary>
public sealed record SaveTask(
    string VpiId,
    string? Title = null, string? Description = null, string? Recommendation = null, string? Owners = null, string? Lead = null,
    string? Start = null, string? Due = null) : ICardData, IVpiCard
{
    public static string Verb => "task.add";
}

/// <summary>"Add to roadmap" on a ballot's outcome card: the form, prefilled from the adopted recommendation.</summary>
public sealed record AddTaskFor(string VpiId, int Recommendation) : ICardData, IVpiCard
{
    public static string Verb => "task.addfor";
}

/// <summary>The task card's refresh, its "Open my view" button, and a task opened from a list: each viewer's own view.</summary>
public sealed record ViewTask(string VpiId, int Number) : ICardData, IVpiCard
{
    public static string Verb => "task.view";
}

/// <summary>An owner's (or facilitator's) update, on the revision they saw: status, progress (0–100) and a comment, as typed.</summary>
public sealed record UpdateTask(string VpiId, int Number, int Revision, string? Status = null, string? Progress = null, string? Comment = null)
    : ICardData, IVpiCard
{
    public static string Verb => "task.update";
}

/// <summary>A page of a task's log, comments in full.</summary>
public sealed record TaskLogPage(string VpiId, int Number, int Page) : ICardData, IVpiCard
{
    public static string Verb => "task.log";
}

/// <summary>A page of "roadmap".</summary>
public sealed record RoadmapPage(string VpiId, int Page) : ICardData, IVpiCard
{
    public static string Verb => "task.roadmap";
}

/// <summary>A page of "my tasks".</summary>
public sealed record MyTasksPage(string VpiId, int Page) : ICardData, IVpiCard
{
    public static string Verb => "task.mine";
}

/// <summary>A page of "overdue".</summary>
public sealed record OverduePage(string VpiId, int Page) : ICardData, IVpiCard
{
    public static string Verb => "task.overdue";
}

/// <summary>A page of "due": the open tasks due in a period.</summary>
public sealed record DuePage(string VpiId, Period Period, int Page) : ICardData, IVpiCard
{
    public static string Verb => "task.due";
}
