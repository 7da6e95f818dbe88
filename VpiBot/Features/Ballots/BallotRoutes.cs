using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Notifications;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;

namespace VpiBot.Features.Ballots;

public static class BallotRoutes
{
    /// <summary>The ballots' storage, background closer, events and the messages they owe.</summary>
    public static IServiceCollection AddBallots(this IServiceCollection services, IConfiguration configuration) => services
        .Configure<VotingOptions>(configuration.GetSection("Voting"))
        .AddSingleton<BallotStore>()
        .AddScoped<BallotReading>()
        .AddScoped<BallotClosing>()
        .AddSingleton<BallotCloser>()
        .AddHostedService(sp => sp.GetRequiredService<BallotCloser>())
        .AddVpiEventHandler<BallotOpened, BallotNotifications>()
        .AddVpiEventHandler<VoteCast, BallotNotifications>()
        .AddVpiEventHandler<BallotClosed, BallotNotifications>()
        .AddMessageView<BallotCardView>()
        .AddMessageView<BallotOutcomeView>()
        .AddMessageView<ProposerOutcomeView>()
        .AddMessageView<ReminderView>();

    public static void Map(VpiRoutes routes) => routes
        .Command<BallotHandlers>("open vote", CommandGroup.Votes, Access.Facilitator, (h, t, _, ct) => h.FormAsync(t, ct), CommandMenu.Conversations)
        .Card<BallotHandlers, OpenBallot>(Access.Facilitator, (h, t, data, ct) => h.OpenAsync(t, data, ct))
        .Command<BallotHandlers>("votes", CommandGroup.Votes, Access.Viewer, (h, t, _, ct) => h.ListAsync(t, ct), CommandMenu.Conversations)
        .Card<BallotHandlers, ViewBallot>(Access.Viewer, (h, t, data, ct) => h.ViewAsync(t, data, ct))
        .Card<BallotHandlers, CastVote>(Access.Member, (h, t, data, ct) => h.VoteAsync(t, data, ct))
        .Command<BallotHandlers>("close vote", CommandGroup.Votes, Access.Facilitator, (h, t, args, ct) => h.CloseAsync(t, args, ct))
        .Command<BallotHandlers>("who hasn't voted", CommandGroup.Votes, Access.Facilitator, (h, t, args, ct) => h.NotVotedAsync(t, args, ct));
}
