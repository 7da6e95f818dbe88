using System.Globalization;
using System.Text.Json;
using VpiBot.Domain;
using VpiBot.Domain.Consultations;
using VpiBot.Features.Consultations.Cards;
using VpiBot.Notifications;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Consultations;

/// <summary>
/// A consultation was opened. Owes: its card posted in the VPI's channel, and to each person consulted their answer
/// card 1:1. <paramref name="BotId"/> and <paramref name="ServiceUrl"/> are how the bot opens 1:1 chats.
/// </summary>
public sealed record ConsultationOpened(string VpiId, int Number, string Culture, string BotId, string ServiceUrl) : IVpiEvent;

/// <summary>A consultation closed (at its deadline, or by a facilitator). Owes: the channel told, with how many inputs came.</summary>
public sealed record ConsultationClosed(string VpiId, int Number, string Culture) : IVpiEvent;

/// <summary>Someone's answers went from none to some (or back): the channel's card, which counts who answered, is shown again.</summary>
public sealed record ConsultationAnswered(string VpiId, int Number, string Culture) : IVpiEvent;

/// <summary>What the channel's consultation views render from.</summary>
public sealed record ConsultationRef(int Number);

/// <summary>What a person's answer card and reminder render from: the consultation, and who it is for.</summary>
public sealed record ConsultationPersonRef(int Number, string AadObjectId);

/// <summary>The deliveries a consultation owes, from the consultation and the roster as they are when the event is handled.</summary>
public sealed class ConsultationNotifications(VpiStore vpis, ConsultationStore consultations)
    : IVpiEventHandler<ConsultationOpened>, IVpiEventHandler<ConsultationClosed>, IVpiEventHandler<ConsultationAnswered>
{
    public static string HomeTrack(int number) => "consultation|" + number.ToString("D6", CultureInfo.InvariantCulture) + "|home";

    public async Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(ConsultationOpened e, CancellationToken ct)
    {
        if (await consultations.GetAsync(e.VpiId, e.Number, ct) is not { Item: var c })
        {
            return [];
        }
        var consulted = (await vpis.GetMembersAsync(e.VpiId, ct)).Where(m => c.IsConsulted(m.AadObjectId))
            .OrderBy(m => m.AadObjectId, StringComparer.Ordinal); // the same order each time the event is handled
        return
        [
            OutboxDelivery.ToHome(ConsultationCardView.ViewName, new ConsultationRef(e.Number), e.Culture, HomeTrack(e.Number)),
            .. consulted.Select(m => OutboxDelivery.ToMember(m, e.BotId, e.ServiceUrl, ConsultationAnswerView.ViewName,
                new ConsultationPersonRef(e.Number, m.AadObjectId), e.Culture)),
        ];
    }

    public Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(ConsultationAnswered e, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<OutboxDelivery>>(
            [OutboxDelivery.UpdatePosted(HomeTrack(e.Number), ConsultationCardView.ViewName, new ConsultationRef(e.Number), e.Culture)]);

    public Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(ConsultationClosed e, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<OutboxDelivery>>(
        [
            OutboxDelivery.ToHome(ConsultationClosedView.ViewName, new ConsultationRef(e.Number), e.Culture),
            OutboxDelivery.UpdatePosted(HomeTrack(e.Number), ConsultationCardView.ViewName, new ConsultationRef(e.Number), e.Culture),
        ]);
}

/// <summary>The consultation's card in the channel, as it is now.</summary>
public sealed class ConsultationCardView(ConsultationStore consultations) : IMessageView
{
    public const string ViewName = "consultation.card";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct)
    {
        if (await consultations.GetAsync(vpi.Id, args.Deserialize<ConsultationRef>(VpiStore.Json)!.Number, ct) is not { Item: var c })
        {
            return null;
        }
        var answered = c.Consulted.Count - ConsultationRules.NotAnswered(c, await consultations.ListAnswersAsync(vpi.Id, c.Number, ct)).Count;
        return OutboxMessage.OfCard(ConsultationCard.Build(vpi, c, answered, Text.Culture(culture), posted: true));
    }
}

/// <summary>A person's answer card, sent 1:1: their saved answers (none yet when it is first sent), the first page.</summary>
public sealed class ConsultationAnswerView(ConsultationStore consultations, TimeProvider time) : IMessageView
{
    public const string ViewName = "consultation.answer";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct)
    {
        var at = args.Deserialize<ConsultationPersonRef>(VpiStore.Json)!;
        if (await consultations.GetAsync(vpi.Id, at.Number, ct) is not { Item: var c } || !c.TakesAnswers(time.GetUtcNow()))
        {
            return null; // closed before it was sent: nothing to answer
        }
        var saved = await consultations.GetAnswerAsync(vpi.Id, c.Number, at.AadObjectId, ct);
        return OutboxMessage.OfCard(ConsultationAnswerCard.Build(vpi, c, saved?.Item, 1, time.GetUtcNow(), Text.Culture(culture)));
    }
}

/// <summary>The reminder, as things are when it is sent: nothing once the person answered or the consultation closed.</summary>
public sealed class ConsultationReminderView(ConsultationStore consultations, TimeProvider time) : IMessageView
{
    public const string ViewName = "consultation.reminder";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct)
    {
        var at = args.Deserialize<ConsultationPersonRef>(VpiStore.Json)!;
        return await consultations.GetAsync(vpi.Id, at.Number, ct) is { Item: var c } && c.TakesAnswers(time.GetUtcNow())
            && await consultations.GetAnswerAsync(vpi.Id, c.Number, at.AadObjectId, ct) is not { Item.HasAny: true }
            ? OutboxMessage.OfCard(ConsultationReminderCard.Build(vpi, c, Text.Culture(culture)))
            : null;
    }
}

/// <summary>Posted in the channel when a consultation closed: how many inputs, from how many organisations.</summary>
public sealed class ConsultationClosedView(ConsultationStore consultations) : IMessageView
{
    public const string ViewName = "consultation.closed";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct)
    {
        if (await consultations.GetAsync(vpi.Id, args.Deserialize<ConsultationRef>(VpiStore.Json)!.Number, ct) is not { Item: var c })
        {
            return null;
        }
        var annex = ConsultationRules.Annex(c, await consultations.ListAnswersAsync(vpi.Id, c.Number, ct));
        var inputs = annex.Questions.SelectMany(q => q.Inputs).ToList();
        return OutboxMessage.OfCard(ConsultationClosedCard.Build(vpi, c, inputs.Count,
            inputs.Select(i => i.Organisation.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count(), Text.Culture(culture)));
    }
}
