using System.Text.Json.Nodes;

namespace VpiBot.Protocol.Routing;

/// <summary>
/// What a handler answers, returned rather than stashed on the turn (as botbuilder-dotnet's typed invoke answers).
/// The router turns it into what the channel expects: for a typed command a new message; for an
/// <c>Action.Execute</c> the invoke's HTTP answer; for an <c>Action.Submit</c> an update of the clicked card or a message.
/// </summary>
public abstract record Answer
{
    private Answer()
    {
    }

    /// <summary>A card: replaces the clicked card (card actions) or is sent as a new message (commands).</summary>
    public sealed record ShowCard(JsonObject Content) : Answer;

    /// <summary>A short text: a message in the chat (commands, submits) or the text Teams shows for an invoke; the clicked card stays.</summary>
    public sealed record Say(string Message) : Answer;

    /// <summary>The request itself was unusable (a card with data the bot cannot read): HTTP-level error for an invoke, a message otherwise.</summary>
    public sealed record BadRequest(string Message) : Answer;

    /// <summary>Nothing to show (the handler has already said what it had to).</summary>
    public sealed record Silent : Answer;

    public static Answer Card(JsonObject card) => new ShowCard(card);
    public static Answer Text(string text) => new Say(text);
    public static readonly Answer Nothing = new Silent();
}
