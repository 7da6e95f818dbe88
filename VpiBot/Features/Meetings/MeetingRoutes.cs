using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Notifications;

namespace VpiBot.Features.Meetings;

/// <summary>
/// Meetings through Microsoft Graph (concept note §1.A activities 2, 3, 4 and 7; §2.B and §2.C). Not in Teams' command
/// menu, which the earlier features fill (10 per scope); the commands are typed, and listed in help.
/// </summary>
public static class MeetingRoutes
{
    /// <summary>The meeting cards' events, the stage follow-up, and how those messages look.</summary>
    public static IServiceCollection AddMeetings(this IServiceCollection services, IConfiguration configuration) => services
        .Configure<MeetingOptions>(configuration.GetSection("Meetings"))
        .AddSingleton<MeetingReading>()
        .AddVpiEventHandler<MeetingBooked, MeetingNotifications>()
        .AddVpiEventHandler<MeetingChanged, MeetingNotifications>()
        .AddMessageView<MeetingCardView>()
        .AddMessageView<StagePromptView>()
        .AddSingleton<MeetingFollowUps>()
        .AddHostedService(sp => sp.GetRequiredService<MeetingFollowUps>());

    public static void Map(VpiRoutes routes) => routes
        .Command<MeetingHandlers>("schedule meeting", CommandGroup.Meetings, Access.Facilitator, (h, t, _, ct) => h.ScheduleAsync(t, ct))
        .Card<MeetingHandlers, ChooseMeetingKind>(Access.Facilitator, (h, t, data, ct) => h.KindAsync(t, data, ct))
        .Card<MeetingHandlers, FindMeetingTimes>(Access.Facilitator, (h, t, data, ct) => h.FindAsync(t, data, ct))
        .Card<MeetingHandlers, FindOtherTimes>(Access.Facilitator, (h, t, data, ct) => h.MoreAsync(t, data, ct))
        .Card<MeetingHandlers, BookMeetingSlot>(Access.Facilitator, (h, t, data, ct) => h.BookAsync(t, data, ct))
        .Card<MeetingHandlers, CancelMeeting>(Access.Facilitator, (h, t, data, ct) => h.CancelAsync(t, data, ct))
        .Command<MeetingHandlers>("meetings", CommandGroup.Meetings, Access.Viewer, (h, t, _, ct) => h.ListAsync(t, 1, ct))
        .Card<MeetingHandlers, MeetingsPage>(Access.Viewer, (h, t, data, ct) => h.ListAsync(t, data.Page, ct))
        .Command<MeetingHandlers>("meeting", CommandGroup.Meetings, Access.Viewer, (h, t, args, ct) => h.ShowAsync(t, args, ct))
        .Command<MeetingHandlers>("next meeting", CommandGroup.Meetings, Access.Viewer, (h, t, args, ct) => h.NextAsync(t, args, ct))
        .Card<MeetingHandlers, ViewMeeting>(Access.Viewer, (h, t, data, ct) => h.ViewAsync(t, data, ct));
}
