using System.Text.Json;
using Microsoft.Extensions.Options;
using VpiBot.Domain;
using VpiBot.Domain.Meetings;
using VpiBot.Features.Meetings.Cards;
using VpiBot.Notifications;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Features.Meetings;

/// <summary>Settings of the meetings' follow-ups (<c>Meetings:…</c>).</summary>
public sealed class MeetingOptions
{
    /// <summary>How often an instance looks for meetings that have taken place (and at start).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>What the stage question renders from: the meeting.</summary>
public sealed record StagePromptArgs(int Number);

/// <summary>
/// After a scoping or launch meeting has taken place, its facilitator is asked once, 1:1, whether to mark the VPI's
/// matching activity done — one click. "Once": the question is queued under a key naming the meeting, in the same
/// atomic batch as the message (<see cref="OutboxStore.CommitOnceAsync"/>), so neither a restart nor a second instance
/// asks again. Not asked when the activity is done already; a cancelled meeting is not asked about.
/// </summary>
public sealed class MeetingFollowUps(VpiStore vpis, MeetingStore meetings, OutboxStore outbox, PersonSettingsStore people, TimeProvider time,
    IOptions<MeetingOptions> options, ILogger<MeetingFollowUps> log) : VpiRounds(time, log)
{
    private const string DefaultCulture = "en";

    public static string OnceKey(int number) => "meeting|" + number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + "|stage";

    protected override TimeSpan Interval => options.Value.CheckInterval;
    protected override string Work => "meeting follow-ups";
    protected override Task<IReadOnlyList<string>> VpisAsync(CancellationToken ct) => meetings.VpisWithMeetingsAsync(ct);
    protected override Task RunAsync(string vpiId, CancellationToken ct) => AskAsync(vpiId, ct);

    private async Task AskAsync(string vpiId, CancellationToken ct)
    {
        if (await vpis.GetAsync(vpiId, ct) is not { Vpi: var vpi })
        {
            return;
        }
        var now = Time.GetUtcNow();
        var held = (await meetings.ListAsync(vpiId, ct)).Select(v => v.Item)
            .Where(m => m is { Status: MeetingStatus.Booked, End: { } end } && end <= now && MeetingRules.Stage(m.Plan.Kind) is { } stage && !vpi.CompletedStages.ContainsKey(stage))
            .ToList();
        if (held.Count == 0)
        {
            return;
        }
        var roster = (await vpis.GetMembersAsync(vpiId, ct)).ToDictionary(m => m.AadObjectId, StringComparer.OrdinalIgnoreCase);
        var marked = false;
        foreach (var m in held)
        {
            if (!roster.TryGetValue(m.CreatedBy, out var facilitator) || await outbox.WasQueuedOnceAsync(vpiId, OnceKey(m.Number), ct))
            {
                continue;
            }
            var person = await people.GetAsync(facilitator.AadObjectId, ct);
            var delivery = OutboxDelivery.ToMember(facilitator, person?.BotId ?? "", person?.ServiceUrl ?? vpi.Home.ServiceUrl,
                StagePromptView.ViewName, new StagePromptArgs(m.Number), person?.Culture is { Length: > 0 } c ? c : DefaultCulture);
            if (!marked)
            {
                await outbox.MarkDirtyAsync(vpiId, ct);
                marked = true;
            }
            await outbox.CommitOnceAsync(vpiId, OnceKey(m.Number), [new MessagesRequested(vpiId, [delivery])], ct, markPending: false);
        }
        if (marked)
        {
            await outbox.PendingAsync(vpiId, CancellationToken.None);
        }
    }
}

/// <summary>The question, as things are when it is sent; nothing when the activity was marked done meanwhile or the meeting cancelled.</summary>
public sealed class StagePromptView(MeetingStore meetings) : IMessageView
{
    public const string ViewName = "meeting.stageprompt";
    public string Name => ViewName;

    public async Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct)
    {
        var at = args.Deserialize<StagePromptArgs>(VpiStore.Json)!;
        return await meetings.GetAsync(vpi.Id, at.Number, ct) is { Item: { Status: MeetingStatus.Booked } m }
            && MeetingRules.Stage(m.Plan.Kind) is { } stage && !vpi.CompletedStages.ContainsKey(stage)
            ? OutboxMessage.OfCard(StagePromptCard.Build(vpi, m, stage, Text.Culture(culture)))
            : null;
    }
}
