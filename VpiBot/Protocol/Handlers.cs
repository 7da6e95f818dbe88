using System.Text.Json.Nodes;

namespace VpiBot.Protocol;

/// <summary>A typed command ("help", "status", "add member …"). Matched by the longest name the text starts with.</summary>
public interface ITextCommand
{
    /// <summary>The words that start the command, lower case.</summary>
    string Name { get; }
    /// <summary>Resource key of the one-line description shown in help.</summary>
    string DescriptionKey { get; }
    Task RunAsync(Turn turn, string arguments, CancellationToken ct);
}

/// <summary>
/// A card button. Arrives as an <c>adaptiveCard/action</c> invoke (Action.Execute, <c>value.action.verb</c>) or as a
/// message whose <c>value</c> is the card's data (Action.Submit, <c>value.verb</c>). Card data is untrusted input:
/// handlers authorise from <see cref="Turn.From"/> and stored state, never from the data.
/// </summary>
public interface ICardAction
{
    string Verb { get; }
    /// <summary>The answer: for an invoke it is the HTTP response; for a submit, a card replaces the clicked card and a message is posted.</summary>
    Task<InvokeResponse> RunAsync(Turn turn, JsonObject data, CancellationToken ct);
}

/// <summary>The bot was added to, or removed from, a personal chat, group chat or team.</summary>
public interface IInstallationEvents
{
    Task OnBotAddedAsync(Turn turn, CancellationToken ct);
    Task OnBotRemovedAsync(Turn turn, CancellationToken ct);
}

/// <summary>Called on every authenticated activity before it is routed (e.g. to keep conversation references fresh).</summary>
public interface IContactObserver
{
    Task OnContactAsync(Turn turn, CancellationToken ct);
}
