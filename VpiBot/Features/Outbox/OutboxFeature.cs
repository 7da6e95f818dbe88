using VpiBot.Domain;
using VpiBot.Features.Outbox.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;

namespace VpiBot.Features.Outbox;

public static class OutboxRoutes
{
    public static void Map(VpiRoutes routes) =>
        routes.Command<OutboxHandlers>("outbox", CommandGroup.GettingStarted, Access.Facilitator, (h, t, _, ct) => h.ShowAsync(t, ct));
}

/// <summary>"outbox" (facilitators): what the bot still has to send for this VPI, what it gave up on, and who it cannot reach.</summary>
public sealed class OutboxHandlers(OutboxStore outbox, VpiStore vpis)
{
    public async Task<Answer> ShowAsync(VpiTurn t, CancellationToken ct) =>
        Answer.Card(OutboxCard.Build(await outbox.SummarizeAsync(t.Vpi.Id, ct), await vpis.GetMembersAsync(t.Vpi.Id, ct), t.Culture));
}
