using System.Globalization;

namespace VpiBot.Protocol.Routing;

/// <summary>What the router itself may have to say; the words are the app's (the protocol layer holds none).</summary>
public enum RouterWord
{
    /// <summary>A message that names no command.</summary>
    UnknownCommand,
    /// <summary>An empty message (only the @mention).</summary>
    EmptyMessage,
    /// <summary>An <c>adaptiveCard/action</c> invoke that is not an <c>Action.Execute</c>.</summary>
    MalformedCardAction,
    /// <summary>A card verb the bot does not know.</summary>
    UnknownCardAction,
    /// <summary>A known verb whose data is missing, extra or of the wrong type.</summary>
    InvalidCardData,
    /// <summary>The turn failed unexpectedly; {0} is the reference in the logs.</summary>
    Unexpected,
}

public interface IBotWording
{
    string Say(RouterWord word, CultureInfo culture, params object[] args);
}
