using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Notifications;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Roadmap;

/// <summary>
/// The roadmap (concept note §1.A activities 4 and 8). Not in Teams' command menu: it holds at most 10 commands per scope
/// and the earlier features fill it; the commands are typed, and listed in help.
/// </summary>
public static class RoadmapRoutes
{
    /// <summary>The task cards' events, what they owe and how those messages look.</summary>
    public static IServiceCollection AddRoadmap(this IServiceCollection services) => services
        .AddScoped<TaskReading>()
        .AddVpiEventHandler<TaskAdded, TaskNotifications>()
        .AddVpiEventHandler<TaskUpdated, TaskNotifications>()
        .AddMessageView<TaskCardView>();

    public static void Map(VpiRoutes routes) => routes
        .Command<TaskHandlers>("add task", CommandGroup.Roadmap, Access.Facilitator, (h, t, _, ct) => h.FormAsync(t, ct))
        .Card<TaskHandlers, AddTaskFor>(Access.Facilitator, (h, t, data, ct) => h.FormForAsync(t, data, ct))
        .Card<TaskHandlers, SaveTask>(Access.Facilitator, (h, t, data, ct) => h.AddAsync(t, data, ct))
        .Command<TaskHandlers>("roadmap", CommandGroup.Roadmap, Access.Viewer, (h, t, _, ct) => h.RoadmapAsync(t, 1, ct))
        .Card<TaskHandlers, RoadmapPage>(Access.Viewer, (h, t, data, ct) => h.RoadmapAsync(t, data.Page, ct))
        .Command<TaskHandlers>("task", CommandGroup.Roadmap, Access.Viewer, (h, t, args, ct) => h.ShowAsync(t, args, ct))
        .Card<TaskHandlers, ViewTask>(Access.Viewer, (h, t, data, ct) => h.ViewAsync(t, data, ct))
        .Card<TaskHandlers, UpdateTask>(Access.Member, (h, t, data, ct) => h.UpdateAsync(t, data, ct))
        .Card<TaskHandlers, TaskLogPage>(Access.Viewer, (h, t, data, ct) => h.LogAsync(t, data, ct))
        .Command<TaskHandlers>("my tasks", CommandGroup.Roadmap, Access.Member, (h, t, _, ct) => h.MineAsync(t, 1, ct))
        .Card<TaskHandlers, MyTasksPage>(Access.Member, (h, t, data, ct) => h.MineAsync(t, data.Page, ct))
        .Command<TaskHandlers>("overdue", CommandGroup.Roadmap, Access.Viewer, (h, t, _, ct) => h.OverdueAsync(t, 1, ct))
        .Card<TaskHandlers, OverduePage>(Access.Viewer, (h, t, data, ct) => h.OverdueAsync(t, data.Page, ct))
        .Command<TaskHandlers>("due", CommandGroup.Roadmap, Access.Viewer, (h, t, args, ct) => h.DueAsync(t, TaskInput.Period(args), 1, ct))
        .Card<TaskHandlers, DuePage>(Access.Viewer, (h, t, data, ct) => h.DueAsync(t, data.Period, data.Page, ct));
}
