using VpiBot.Features.Help.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Help;

public static class HelpRoutes
{
    public static void Map(VpiRoutes routes) =>
        routes.OpenCommand<HelpHandlers>("help", CommandGroup.GettingStarted, (h, turn, _, _) => Task.FromResult(h.Help(turn)), CommandMenu.Everywhere);
}

/// <summary>"help": the commands this bot understands, as a card, read from the route table so it is never stale.</summary>
public sealed class HelpHandlers(RouteTable routes)
{
    public Answer Help(Turn turn) => Answer.Card(HelpCard.Build(routes.Commands, turn.Culture));
}
