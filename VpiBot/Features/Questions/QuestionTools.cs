using VpiBot.Domain.Questions;
using VpiBot.Features.Shared;
using VpiBot.Features.Shared.Cards;
using VpiBot.Protocol;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Questions;

/// <summary>
/// The recogniser's answer functions as tools (for the assistant): a question of one intent with its slots, answered
/// for a VPI with the asker's own rights — the same command, the same access check — and given back as the text the
/// asker would read on the card (or the refusal they would read).
/// </summary>
public sealed class QuestionTools(VpiRoutes routes, IServiceProvider services)
{
    public async Task<string> RunAsync(Turn turn, string vpiId, QuestionIntent intent, QuestionSlots slots, CancellationToken ct)
    {
        if (QuestionCommands.For(new Recognised(intent, slots, 1, "")) is not { } call)
        {
            return "";
        }
        return (await routes.RunForVpiAsync(call.Command, turn, new VpiRef(vpiId), call.Arguments, services, ct)) switch
        {
            Answer.ShowCard card => CardText.Visible(card.Content),
            Answer.Say say => say.Message,
            _ => "",
        };
    }
}
