using VpiBot.Protocol;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;

namespace VpiBot.Features.Shared;

/// <summary>A button that runs a command ("Show commands", "Members"): the command's name, nothing else.</summary>
public sealed record RunCommand(string Command) : ICardData
{
    public static string Verb => "vpi.command";
}

public static class CommandButtonRoutes
{
    public static void Map(VpiRoutes routes) =>
        routes.OpenCard<CommandButtonHandlers, RunCommand>((h, turn, data, ct) => h.RunAsync(turn, data, ct));
}

/// <summary>
/// Command buttons are Universal Actions (<c>Action.Execute</c>), which every Teams client and Microsoft 365 Agents
/// Playground send to the bot, in channels too (the <c>messageBack</c> form of <c>Action.Submit</c> broke in some
/// renderers). The command runs as if typed — through its own route, with its own access check — and what it shows is
/// posted as a new message, so the card the button was on stays as it was.
/// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/overview
/// </summary>
public sealed class CommandButtonHandlers(RouteTable routes, IServiceProvider services)
{
    public async Task<Answer> RunAsync(Turn turn, RunCommand data, CancellationToken ct)
    {
        var (route, arguments) = routes.Match(data.Command);
        if (route is null || arguments.Length > 0)
        {
            return new Answer.BadRequest(Text.Get("Router.InvalidCardData", turn.Culture));
        }
        switch (await route.Run(turn, "", services, ct))
        {
            case Answer.ShowCard show:
                await turn.PostCardAsync(show.Content, ct);
                return Answer.Text(Text.Get("CommandButton.Posted", turn.Culture));
            case var answer:
                return answer;
        }
    }
}
