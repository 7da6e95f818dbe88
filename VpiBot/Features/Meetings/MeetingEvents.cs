using System.Globalization;
using System.Text.Json;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Features.Meetings.Cards;
using VpiBot.Notifications;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Meetings;

/// <summary>
/// A meeting was booked. Owes: its card posted in the VPI's channel, tracked for updates. <paramref name="BotId"/> and
/// <paramref name="ServiceUrl"/> are how the bot opens the booker's 1:1 chat later (to ask about the stage).
/// </summary>
public sealed record MeetingBooked(string VpiId, int Number, string Culture, string BotId, string ServiceUrl) : IVpiEvent;

/// <summary>A booked meeting was moved, cancelled, or its replies changed. Owes: the posted card updated.</summary>
public sealed record MeetingChanged(string VpiId, int Number, string Culture) : IVpiEvent;

/// <summary>What meeting views render from: the meeting's number.</summary>
public sealed record MeetingRef(int Number);

/// <summary>The deliveries a meeting owes.</summary>
public sealed class MeetingNotifications : IVpiEventHandler<MeetingBooked>, IVpiEventHandler<MeetingChanged>
{
    /// <summary>The tracking key of a meeting's card posted in the VPI's channel.</summary>
    public static string HomeTrack(int number) => "meeting|" + number.ToString("D6", CultureInfo.InvariantCulture) + "|home";

    public Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(MeetingBooked e, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<OutboxDelivery>>([OutboxDelivery.ToHome(MeetingCardView.ViewName, new MeetingRef(e.Number), e.Culture, HomeTrack(e.Number))]);

    public Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(MeetingChanged e, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<OutboxDelivery>>([OutboxDelivery.UpdatePosted(HomeTrack(e.Number), MeetingCardView.ViewName, new MeetingRef(e.Number), e.Culture)]);
}

/// <summary>The meeting card as it is now, for everyone (the facilitators' own view comes on refresh).</summary>
public sealed class MeetingCardView(MeetingStore meetings, MeetingReading reading) : IMessageView
{
    public const string ViewName = "meeting.card";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct) =>
        await meetings.GetAsync(vpi.Id, args.Deserialize<MeetingRef>(VpiStore.Json)!.Number, ct) is { Item: var m }
            ? OutboxMessage.OfCard(MeetingCard.Build(vpi, await reading.ShownAsync(vpi, m, ct), canManage: false, Text.Culture(culture), posted: true))
            : null;
}

/// <summary>Reads what meeting cards show, as it is now.</summary>
public sealed class MeetingReading(VpiStore vpis, TimeProvider time)
{
    /// <summary>Today in the VPI's time zone: the days a meeting is searched in are days there.</summary>
    public DateOnly Today(Vpi vpi) => TimeZones.ToLocal(time.GetUtcNow(), vpi.TimeZone ?? TimeZones.Utc).Date;

    /// <summary>The meeting, and the Teams ids of the facilitators (their own view on refresh: none beyond Teams' 60).</summary>
    public async Task<MeetingShown> ShownAsync(Vpi vpi, Meeting m, CancellationToken ct)
    {
        var facilitators = (await vpis.GetMembersAsync(vpi.Id, ct)).Where(x => x.Role == VpiRole.Facilitator).Select(x => x.TeamsId).ToList();
        return new MeetingShown(m, facilitators.Count <= MeetingCard.MaxRefreshUsers ? facilitators : [], time.GetUtcNow());
    }
}
