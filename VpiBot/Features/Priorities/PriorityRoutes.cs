using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Notifications;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Priorities;

public static class PriorityRoutes
{
    /// <summary>The events of the review round, what they owe and how those messages look.</summary>
    public static IServiceCollection AddPriorityEvents(this IServiceCollection services) => services
        .AddVpiEventHandler<PrioritySentForReview, ReviewNotifications>()
        .AddVpiEventHandler<PriorityDecided, ReviewNotifications>()
        .AddSingleton<ReviewCardRenders>()
        .AddMessageView<ReviewCardView>()
        .AddMessageView<PriorityOutcomeView>();

    public static void Map(VpiRoutes routes) => routes
        .Command<PriorityHandlers>("submit priority", CommandGroup.Priorities, Access.PriorityAuthors, (h, t, _, _) => Task.FromResult(h.Form(t)), CommandMenu.Conversations)
        .Card<PriorityHandlers, SavePriority>(Access.PriorityAuthors, (h, t, data, ct) => h.SaveAsync(t, data, ct))
        .Command<PriorityHandlers>("priorities", CommandGroup.Priorities, Access.Viewer, (h, t, args, ct) => h.ListAsync(t, args, ct), CommandMenu.Conversations)
        .Card<PriorityHandlers, PriorityListPage>(Access.Viewer, (h, t, data, ct) => h.PageAsync(t, data, ct))
        .Command<PriorityHandlers>("priority", CommandGroup.Priorities, Access.Viewer, (h, t, args, ct) => h.ShowAsync(t, args, ct))
        .Card<PriorityHandlers, OpenPriority>(Access.Viewer, (h, t, data, ct) => h.OpenAsync(t, data, ct))
        .Card<PriorityHandlers, PriorityDecisionsPage>(Access.Viewer, (h, t, data, ct) => h.DecisionsAsync(t, data, ct))
        .Card<PriorityHandlers, EditPriority>(Access.Member, (h, t, data, ct) => h.EditAsync(t, data, ct))
        .Card<PriorityHandlers, WithdrawPriority>(Access.Member, (h, t, data, ct) => h.WithdrawAsync(t, data, ct))
        .Command<ReviewHandlers>("send priorities", CommandGroup.Priorities, Access.Facilitator, (h, t, _, ct) => h.SendAsync(t, ct), CommandMenu.Conversations)
        .Card<ReviewHandlers, ViewReview>(Access.Viewer, (h, t, data, ct) => h.ViewAsync(t, data, ct))
        .Card<ReviewHandlers, DecidePriority>(Access.ReviewTeam, (h, t, data, ct) => h.DecideAsync(t, data, ct));
}
