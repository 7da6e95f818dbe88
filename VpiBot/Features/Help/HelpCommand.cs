using VpiBot.Features.Help.Cards;
using VpiBot.Protocol;

namespace VpiBot.Features.Help;

/// <summary>"help": the commands this bot understands, as a card. The list is the registered commands, so it is never stale.</summary>
public sealed class HelpCommand(IServiceProvider services) : ITextCommand
{
    public string Name => "help";
    public string DescriptionKey => "Help.Command.Help";

    public Task RunAsync(Turn turn, string arguments, CancellationToken ct) =>
        turn.SendCardAsync(HelpCard.Build(services.GetServices<ITextCommand>(), turn.Culture), ct);
}
