using VpiBot.Domain.Questions;
using VpiBot.Features.Questions.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Questions;

/// <summary>
/// Anything typed that is no command is a question: understood by the recogniser (no cloud service), answered by the
/// command that answers it, for the VPI of the conversation — or, in a 1:1 chat, the one VPI the person is in (asked
/// which, when several). Not understood: the three nearest questions as buttons, or the assistant when configured.
/// </summary>
public sealed class QuestionHandlers(VpiRoutes routes, VpiStore vpis, VpiAccess access, IServiceProvider services, QuestionAssistant assistant)
{
    /// <summary>A question typed in a conversation.</summary>
    public async Task<Answer> AskAsync(Turn turn, string text, CancellationToken ct)
    {
        var q = QuestionRecogniser.Recognise(text, turn.Activity.Locale);
        if (turn.Place.Kind != ConversationKind.Personal)
        {
            if (await access.OfConversationAsync(turn, ct) is not { } current)
            {
                return Answer.Text(Text.Get("Question.NoVpiHere", turn.Culture));
            }
            if (turn.From.AadObjectId is { } aad && await vpis.GetMemberAsync(current.Vpi.Id, aad, ct) is not null)
            {
                await vpis.NoteMembershipOnceAsync(aad, current.Vpi.Id, ct); // so they can ask in a 1:1 chat too
            }
            return await AnswerAsync(turn, current.Vpi.Id, q, text, ct);
        }
        var mine = turn.From.AadObjectId is { } me ? await vpis.VpisOfAsync(me, ct) : [];
        return mine.Count switch
        {
            0 => Answer.Text(Text.Get("Question.NoVpi", turn.Culture)),
            1 => await AnswerAsync(turn, mine[0].Vpi.Id, q, text, ct),
            _ => Answer.Card(WhichVpiCard.Build([.. mine.Select(v => v.Vpi)], text, turn.Culture)),
        };
    }

    /// <summary>"Did you mean …": that question, with no slots.</summary>
    public Task<Answer> AskIntentAsync(Turn turn, AskQuestion data, CancellationToken ct) =>
        AnswerAsync(turn, data.VpiId, new Recognised(data.Intent, new QuestionSlots(), 1, ""), "", ct);

    /// <summary>The VPI chosen for a question asked in a 1:1 chat.</summary>
    public Task<Answer> AskInVpiAsync(Turn turn, AskInVpi data, CancellationToken ct) =>
        AnswerAsync(turn, data.VpiId, QuestionRecogniser.Recognise(data.Question, turn.Activity.Locale), data.Question, ct);

    private async Task<Answer> AnswerAsync(Turn turn, string vpiId, Recognised q, string text, CancellationToken ct)
    {
        if (QuestionCommands.For(q) is { } call)
        {
            return await routes.RunForVpiAsync(call.Command, turn, new VpiRef(vpiId), call.Arguments, services, ct);
        }
        if (q.Intent == QuestionIntent.Tools && q.Slots.Feature is BotTool.Dashboard)
        {
            return Answer.Text(Text.Get("Question.Tools.Dashboard", turn.Culture)); // a tab, not a command
        }
        if (text.Length > 0 && await assistant.AnswerAsync(turn, vpiId, text, ct) is { } answered)
        {
            return answered;
        }
        return Answer.Card(NotUnderstoodCard.Build(vpiId, QuestionRecogniser.Nearest(text, turn.Activity.Locale), turn.Culture));
    }
}
