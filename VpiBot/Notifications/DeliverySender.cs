using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VpiBot.Domain;
using VpiBot.Protocol;
using VpiBot.Protocol.Connector;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Notifications;

/// <summary>
/// Sends one claimed delivery: renders its view now, sends it through Bot Connector (paced by
/// <see cref="TeamsRateLimiter"/>, bounded by <see cref="OutboxOptions.SendTimeout"/>, with no inline retries), and
/// settles the job by what Teams answered
/// (https://learn.microsoft.com/microsoftteams/platform/bots/build-conversational-capability#status-codes-from-bot-conversational-apis,
/// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit#handle-rate-limits):
/// <list type="bullet">
/// <item>success: deleted; a tracked post is remembered as a <c>posted|…</c> row in the same batch;</item>
/// <item>429, 412, 5xx, timeout, connection failure: rescheduled, no sooner than <c>Retry-After</c> (else exponential
/// backoff with jitter), without holding a worker;</item>
/// <item>403 on a 1:1 (blocked, removed, disabled): the member is marked unreachable, once, and the facilitators are told
/// once, in the VPI's home conversation; the delivery is given up;</item>
/// <item>404: a 1:1's stored conversation is forgotten and a new one is opened on the next attempt; an updated card that
/// no longer exists is forgotten;</item>
/// <item>413 and other refusals: given up (kept as failed, listable), never retried.</item>
/// </list>
/// </summary>
public sealed class DeliverySender(
    OutboxStore outbox,
    VpiSnapshots snapshots,
    VpiStore vpis,
    IConversationReferenceStore references,
    PersonSettingsStore people,
    IEnumerable<IMessageView> views,
    IHttpClientFactory http,
    ConnectorTokens tokens,
    TeamsRateLimiter limiter,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<DeliverySender> log)
{
    private readonly OutboxOptions _options = options.Value;
    private readonly ConnectorClient _connector = new(http.CreateClient(OutboxServices.ConnectorClientName), tokens);

    /// <summary>True when the job is settled for good (sent, dropped or given up); false when it waits for a retry.</summary>
    public async Task<bool> DeliverAsync(OutboxJob job, string instanceId, CancellationToken ct)
    {
        var delivery = job.Delivery!;
        if (await snapshots.GetAsync(job.VpiId, ct) is not { } vpi)
        {
            return await FinishAsync(job, [], ct); // the VPI is gone: nobody to tell
        }
        if (delivery.Kind == DeliveryKind.Member && await snapshots.IsUnreachableAsync(job.VpiId, delivery.MemberAadObjectId!, ct))
        {
            await outbox.GiveUpAsync(job, "The member cannot be reached 1:1 (Teams answered 403 before).", [], ct);
            return true;
        }
        OutboxMessage? message;
        CultureInfo reader;
        try
        {
            reader = await ReaderCultureAsync(vpi, delivery, ct);
            message = views.FirstOrDefault(v => v.Name == delivery.View) is { } view
                ? await view.RenderAsync(vpi, delivery.Args ?? EmptyArgs, reader.Name, ct)
                : throw new InvalidOperationException($"No message view is registered as '{delivery.View}'.");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Rendering view {View} for VPI {Vpi} failed", delivery.View, job.VpiId);
            return await RetryOrGiveUpAsync(job, null, "view failed: " + e.Message, ct);
        }
        if (message is null)
        {
            return await FinishAsync(job, [], ct); // nothing to say any more
        }

        ConversationReference? personal = null;
        using var bound = new CancellationTokenSource(_options.SendTimeout, time);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(ct, bound.Token);
        try
        {
            var activity = message.Card is { } card
                ? new Activity { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(Languages.Directed(card, reader))] }
                : new Activity { Type = ActivityTypes.Message, Text = message.Text };
            PostedCard? posted = null;
            switch (delivery.Kind)
            {
                case DeliveryKind.Home:
                    await limiter.WaitTurnAsync(vpi.TenantId, vpi.Home.ConversationId, ct);
                    posted = Posted(vpi.Home.ServiceUrl, vpi.Home.ConversationId,
                        await _connector.SendAsync(vpi.Home.ServiceUrl, vpi.Home.ConversationId, activity, call.Token));
                    break;
                case DeliveryKind.Member:
                    personal = await references.FindPersonalAsync(delivery.MemberAadObjectId!, ct) ?? await OpenPersonalAsync(vpi, delivery, call.Token);
                    await limiter.WaitTurnAsync(vpi.TenantId, personal.ConversationId, ct);
                    posted = Posted(personal.ServiceUrl, personal.ConversationId,
                        await _connector.SendAsync(personal.ServiceUrl, personal.ConversationId, activity, call.Token));
                    break;
                default:
                    var copy = delivery.Card!;
                    await limiter.WaitTurnAsync(vpi.TenantId, copy.ConversationId, ct);
                    await _connector.UpdateAsync(copy.ServiceUrl, copy.ConversationId, copy.ActivityId, activity, call.Token);
                    break;
            }
            return await FinishAsync(job, delivery.Track is { } track && posted is not null ? [OutboxStore.TrackPosted(track, posted)] : [], ct);
        }
        catch (ConnectorException e) when (!ct.IsCancellationRequested)
        {
            return await SettleRefusalAsync(job, vpi, personal, e, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or TimeoutException or OperationCanceledException or IOException)
        {
            return await RetryOrGiveUpAsync(job, null, $"{e.GetType().Name}: {e.Message}", ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping: give the job back (a send cut off mid-flight may have arrived: that one may be sent twice)
            await outbox.ReleaseAsync(job, CancellationToken.None);
            return false;
        }
    }

    /// <summary>
    /// The culture a delivery is rendered in, whatever culture the event that queued it was in: a message to one person
    /// (1:1, or an update of a card in their 1:1 chat) in their own language, as their Teams client last told it
    /// (<see cref="PersonSettings.Culture"/>), else the VPI's; a card for everyone in the VPI's conversation in the VPI's
    /// language (<see cref="Vpi.Language"/>, English until chosen), not in the language of whoever caused it.
    /// </summary>
    private async Task<CultureInfo> ReaderCultureAsync(Vpi vpi, OutboxDelivery delivery, CancellationToken ct)
    {
        var person = delivery.Kind switch
        {
            DeliveryKind.Member => delivery.MemberAadObjectId,
            DeliveryKind.Update when delivery.Card is { } copy && copy.ConversationId != vpi.Home.ConversationId
                => await references.FindAsync(copy.ConversationId, ct) is { Kind: ReferenceKind.Personal, AadObjectId: { } aad } ? aad : null,
            _ => null,
        };
        return person is not null && await people.GetAsync(person, ct) is { Culture: { Length: > 0 } known }
            ? Languages.For(known)
            : Languages.OfVpi(vpi.Language);
    }

    private async Task<bool> SettleRefusalAsync(OutboxJob job, Vpi vpi, ConversationReference? personal, ConnectorException e, CancellationToken ct)
    {
        var delivery = job.Delivery!;
        var what = $"{(int)e.Status} {e.Code ?? e.Failure.ToString()}";
        if (e.Failure == ConnectorFailure.Throttled || (int)e.Status >= 500 || e.Status is HttpStatusCode.Unauthorized)
        {
            return await RetryOrGiveUpAsync(job, RetryAfter(e), what, ct);
        }
        if (e.Status == HttpStatusCode.Forbidden && delivery.Kind == DeliveryKind.Member)
        {
            await MarkUnreachableAsync(job, e, what, ct);
            return true;
        }
        if (e.Failure == ConnectorFailure.NotFound && delivery.Kind == DeliveryKind.Member && personal is not null)
        {
            await references.ForgetAsync(personal, ct); // the next attempt opens a new conversation
            return await RetryOrGiveUpAsync(job, TimeSpan.Zero, what, ct);
        }
        if (e.Failure == ConnectorFailure.NotFound && delivery.Kind == DeliveryKind.Update)
        {
            return await FinishAsync(job, [OutboxStore.ForgetPosted(job.RowKey)], ct); // the message was deleted in Teams
        }
        await outbox.GiveUpAsync(job, "Bot Connector refused it: " + what + (e.Failure == ConnectorFailure.MessageSizeTooBig ? " (the message is too large)" : ""), [], ct);
        return true;
    }

    /// <summary>403 on a 1:1: marks the member unreachable and, if this is the first time, tells the facilitators (one batch).</summary>
    private async Task MarkUnreachableAsync(OutboxJob job, ConnectorException e, string what, CancellationToken ct)
    {
        var aad = job.Delivery!.MemberAadObjectId!;
        var name = (await vpis.GetMemberAsync(job.VpiId, aad, ct))?.Name ?? aad;
        var reason = "The member cannot be reached 1:1: " + what;
        var notice = OutboxDelivery.ToHome(ResourceTextView.ViewName, new ResourceTextArgs("Outbox.MemberUnreachable", [name]), job.Delivery.Culture);
        try
        {
            await outbox.GiveUpAsync(job, reason,
                [OutboxStore.MarkUnreachable(new UnreachableMember(aad, name, e.Failure.ToString(), time.GetUtcNow())), outbox.NewDeliveryRow(notice)], ct);
        }
        catch (ConcurrencyConflictException conflict) when (conflict.FailedOperationIndex == 2)
        {
            await outbox.GiveUpAsync(job, reason, [], ct); // marked already (another delivery to them failed first): told once
        }
        snapshots.ForgetUnreachable(job.VpiId);
    }

    /// <summary>Reschedules after <paramref name="retryAfter"/> (as the service asked) or exponential backoff with jitter; gives up after MaxAttempts.</summary>
    public async Task<bool> RetryOrGiveUpAsync(OutboxJob job, TimeSpan? retryAfter, string error, CancellationToken ct)
    {
        if (job.Attempts + 1 >= _options.MaxAttempts)
        {
            await outbox.GiveUpAsync(job, $"Gave up after {job.Attempts + 1} attempts; last: {error}", [], ct);
            return true;
        }
        var wait = retryAfter ?? Backoff(job.Attempts);
        await outbox.RescheduleAsync(job, time.GetUtcNow() + wait, error, ct);
        return false;
    }

    /// <summary>Half fixed, half random, doubling per attempt, capped.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var ceiling = Math.Min(_options.MaxBackoff.TotalMilliseconds, _options.BaseBackoff.TotalMilliseconds * Math.Pow(2, attempts));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    private TimeSpan? RetryAfter(ConnectorException e)
    {
        TimeSpan? asked = e.RetryAfter?.Delta ?? (e.RetryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        return asked is { } wait && wait < TimeSpan.Zero ? TimeSpan.Zero : asked;
    }

    private async Task<bool> FinishAsync(OutboxJob job, IReadOnlyList<RowOperation> alsoWrite, CancellationToken ct)
    {
        if (!await outbox.FinishAsync(job, alsoWrite, ct))
        {
            log.LogDebug("Outbox job {Row} changed while it ran (a newer update is queued, or the lease was taken over)", job.RowKey);
        }
        return true;
    }

    /// <summary>Opens the bot's 1:1 chat with the member (<c>POST /v3/conversations</c>) and keeps its reference.</summary>
    private async Task<ConversationReference> OpenPersonalAsync(Vpi vpi, OutboxDelivery delivery, CancellationToken ct)
    {
        await limiter.WaitTurnAsync(vpi.TenantId, "open|" + delivery.MemberAadObjectId, ct); // counts towards the tenant's rate
        var conversationId = await _connector.CreatePersonalConversationAsync(delivery.ServiceUrl!, delivery.BotId!, delivery.MemberTeamsId!, vpi.TenantId, ct);
        var reference = new ConversationReference(conversationId, ReferenceKind.Personal, delivery.ServiceUrl!, vpi.TenantId, delivery.BotId,
            delivery.MemberTeamsId, delivery.MemberAadObjectId, null, null, delivery.Culture, time.GetUtcNow());
        await references.SaveAsync(reference, ct);
        return reference;
    }

    private static PostedCard? Posted(string serviceUrl, string conversationId, string? activityId) =>
        activityId is null ? null : new PostedCard(serviceUrl, conversationId, activityId);

    private static readonly JsonElement EmptyArgs = JsonDocument.Parse("{}").RootElement;
}
