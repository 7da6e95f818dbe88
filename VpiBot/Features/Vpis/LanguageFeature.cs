using VpiBot.Domain;
using VpiBot.Features.Shared;
using VpiBot.Features.Vpis.Cards;
using VpiBot.Protocol;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Features.Vpis;

public static class LanguageRoutes
{
    public static void Map(VpiRoutes routes) => routes
        .Card<LanguageHandlers, SaveVpiLanguage>(Access.Facilitator, (h, t, data, ct) => h.SaveAsync(t, data, ct));
}

/// <summary>
/// The language of a VPI's channel cards (<see cref="Vpi.Language"/>): chosen at setup, or — for a VPI set up before it
/// was asked — asked once of the first facilitator who types a command there (<see cref="LanguageAsking"/>).
/// </summary>
public sealed class LanguageHandlers(VpiStore store)
{
    private const int Attempts = 5;

    public async Task<Answer> SaveAsync(VpiTurn t, SaveVpiLanguage data, CancellationToken ct)
    {
        if (!Languages.IsSupported(data.Language))
        {
            return Answer.Card(LanguageCard.Build(t.Vpi, t.Culture, t.Say("Setup.Error.Language"), problem: true));
        }
        var current = t.Current;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var saved = await store.UpdateAsync(current, current.Vpi with { Language = data.Language }, ct);
                return Answer.Card(LanguageCard.Build(saved.Vpi, t.Culture, t.Say("VpiLanguage.Saved", LanguageCard.Name(data.Language!, t.Culture))));
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                // the VPI changed meanwhile (a stage marked, a roster change): the language is its own field, so it is
                // set on the VPI as it is now rather than lost
                current = await store.GetAsync(t.Vpi.Id, ct) ?? throw new InvalidOperationException("The VPI is gone.");
            }
        }
    }
}

/// <summary>
/// Asks once per VPI, before the first typed command of a facilitator in a VPI that has no language yet, in which
/// language its channel cards are posted: the card is posted in the conversation, then the command is answered.
/// Once is a marker row written with an insert, so two facilitators typing at once are asked once.
/// </summary>
public sealed class LanguageAsking(VpiStore store) : IVpiCommandPrompt
{
    public const string Marker = "asked|language";

    public async Task PromptAsync(VpiTurn t, CancellationToken ct)
    {
        if (t.Vpi.Language is null && t.IsFacilitator && t.Turn.Place.Kind != ConversationKind.Personal
            && await store.TryMarkOnceAsync(t.Vpi.Id, Marker, ct))
        {
            await t.Turn.PostCardAsync(LanguageCard.Build(t.Vpi, t.Culture), ct);
        }
    }
}
