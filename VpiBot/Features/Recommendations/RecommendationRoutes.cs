using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Recommendations;

/// <summary>
/// Joint recommendations (concept note §1.A activity 4). Not in Teams' command menu: it holds at most 10 commands per
/// scope and the earlier features fill it; the commands are typed, and listed in help.
/// </summary>
public static class RecommendationRoutes
{
    public static void Map(VpiRoutes routes) => routes
        .Command<RecommendationHandlers>("propose recommendation", CommandGroup.Recommendations, Access.Member, (h, t, _, ct) => h.FormAsync(t, ct), CommandMenu.Conversations)
        .Card<RecommendationHandlers, SaveRecommendation>(Access.Member, (h, t, data, ct) => h.SaveAsync(t, data, ct))
        .Command<RecommendationHandlers>("recommendations", CommandGroup.Recommendations, Access.Viewer, (h, t, args, ct) => h.ListAsync(t, args, ct))
        .Card<RecommendationHandlers, RecommendationListPage>(Access.Viewer, (h, t, data, ct) => h.PageAsync(t, data, ct))
        .Command<RecommendationHandlers>("recommendation", CommandGroup.Recommendations, Access.Viewer, (h, t, args, ct) => h.ShowAsync(t, args, ct))
        .Card<RecommendationHandlers, OpenRecommendation>(Access.Viewer, (h, t, data, ct) => h.OpenAsync(t, data, ct))
        .Card<RecommendationHandlers, EditRecommendation>(Access.Member, (h, t, data, ct) => h.EditAsync(t, data, ct))
        .Card<RecommendationHandlers, WithdrawRecommendation>(Access.Member, (h, t, data, ct) => h.WithdrawAsync(t, data, ct));
}
