using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Resources;
using VpiBot.Storage;

namespace VpiBot.Notifications;

/// <summary>
/// Says which deliveries an event owes (it may read storage, e.g. the roster). Registered with
/// <see cref="OutboxServices.AddVpiEventHandler{TEvent, THandler}"/>; an event type may have several handlers, whose
/// deliveries are queued one after the other. For one event, a handler must return the same deliveries in the same
/// order each time it is asked (an expansion interrupted by a crash resumes where its cursor says).
/// </summary>
public interface IVpiEventHandler<in TEvent> where TEvent : IVpiEvent
{
    Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(TEvent e, CancellationToken ct);
}

/// <summary>What a message view renders: an Adaptive Card, or plain text (Markdown as Teams renders it).</summary>
public sealed record OutboxMessage(JsonObject? Card, string? Text)
{
    public static OutboxMessage OfCard(JsonObject card) => new(card, null);
    public static OutboxMessage OfText(string text) => new(null, text);
}

/// <summary>
/// Renders a delivery at send time, by name (registered with <see cref="OutboxServices.AddMessageView{TView}"/>), from
/// the VPI as it is then, the delivery's arguments and the recipient's culture. Null: there is nothing to send any more.
/// </summary>
public interface IMessageView
{
    /// <summary>The name deliveries refer to; stored in rows, so keep it stable.</summary>
    string Name { get; }

    Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct);
}

/// <summary>An event type the dispatcher knows, by its stored name (the type's name), and how to ask its handlers.</summary>
public sealed record VpiEventType(string Name, Type Type, Func<IServiceProvider, IVpiEvent, CancellationToken, Task<IReadOnlyList<OutboxDelivery>>> Deliveries)
{
    internal static VpiEventType Of<TEvent>() where TEvent : IVpiEvent => new(typeof(TEvent).Name, typeof(TEvent), async (services, e, ct) =>
    {
        var all = new List<OutboxDelivery>();
        foreach (var handler in services.GetServices<IVpiEventHandler<TEvent>>())
        {
            all.AddRange(await handler.DeliveriesAsync((TEvent)e, ct));
        }
        return all;
    });
}

/// <summary>
/// A ready list of messages to send, for a feature that knows them when it commits (no handler logic of its own).
/// Kept small: at most a few hundred deliveries fit in one stored event.
/// </summary>
public sealed record MessagesRequested(string VpiId, IReadOnlyList<OutboxDelivery> Deliveries) : IVpiEvent;

public sealed class MessagesRequestedHandler : IVpiEventHandler<MessagesRequested>
{
    public Task<IReadOnlyList<OutboxDelivery>> DeliveriesAsync(MessagesRequested e, CancellationToken ct) => Task.FromResult(e.Deliveries);
}

/// <summary>Arguments of <see cref="ResourceTextView"/>: a key of Strings.resx and its format arguments.</summary>
public sealed record ResourceTextArgs(string Key, IReadOnlyList<string> Args);

/// <summary>A text message from the resources, in the recipient's language (view name <c>text</c>).</summary>
public sealed class ResourceTextView : IMessageView
{
    public const string ViewName = "text";

    public string Name => ViewName;

    public Task<OutboxMessage?> RenderAsync(Vpi vpi, JsonElement args, string culture, CancellationToken ct)
    {
        var text = args.Deserialize<ResourceTextArgs>(VpiStore.Json)!;
        return Task.FromResult<OutboxMessage?>(OutboxMessage.OfText(Text.Get(text.Key, Text.Culture(culture), [.. text.Args])));
    }
}
