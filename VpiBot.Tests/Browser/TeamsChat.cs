using System.Net;
using System.Text.Json.Nodes;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Browser;

/// <summary>Which kind of Teams conversation a card was posted in.</summary>
public enum ChatKind
{
    /// <summary>A team channel (<see cref="TeamsActivities.ChannelConversationId"/> of <see cref="TeamsChat.Teams"/>).</summary>
    Channel,

    /// <summary>The viewer's personal chat with the bot.</summary>
    Personal,

    /// <summary>A group chat with the bot.</summary>
    GroupChat,
}

/// <summary>
/// Where a card lives and how Teams reaches the bot from there: the real app (<paramref name="Bot"/>, in memory),
/// the activity builder pointed at the fake connector (<paramref name="Teams"/>), and the fake connector itself, to
/// see what the bot posted or updated in answer to a click.
/// </summary>
public sealed record TeamsChat(BotApp Bot, TeamsActivities Teams, FakeConnector Connector, ChatKind Kind = ChatKind.Channel)
{
    /// <summary>Action.Execute (or a refresh): invoke <c>adaptiveCard/action</c> with <c>value.action</c> and <c>value.trigger</c>.</summary>
    internal JsonObject Execute(string? verb, JsonObject data, string messageId, TeamsActivities.User from, bool automatic)
    {
        var activity = Teams.CardExecute(verb ?? "", data, messageId, from, inChannel: Kind == ChatKind.Channel);
        if (verb is null)
        {
            activity["value"]!["action"]!.AsObject().Remove("verb");
        }
        activity["value"]!["trigger"] = automatic ? "automatic" : "manual";
        if (Kind == ChatKind.GroupChat)
        {
            activity["conversation"] = GroupConversation(from);
        }
        return activity;
    }

    /// <summary>Action.Submit: a message whose <c>value</c> is the data merged with the inputs.</summary>
    internal JsonObject Submit(JsonObject value, string messageId, TeamsActivities.User from)
    {
        var activity = Teams.CardSubmit((JsonObject)value.DeepClone(), messageId, from);
        switch (Kind)
        {
            case ChatKind.Channel:
                var channel = Teams.ChannelMessage("", from);
                activity["conversation"] = channel["conversation"]!.DeepClone();
                activity["channelData"] = channel["channelData"]!.DeepClone();
                break;
            case ChatKind.GroupChat:
                activity["conversation"] = GroupConversation(from);
                break;
        }
        return activity;
    }

    /// <summary>
    /// What the person "says" by an <c>imBack</c> button: a plain message with that text. In a channel it is built as
    /// a message to the bot (with its @mention), so the bot hears it as it hears a typed command.
    /// </summary>
    internal JsonObject Say(string text, TeamsActivities.User from) => Kind switch
    {
        ChatKind.Channel => Teams.ChannelMessage(text, from),
        ChatKind.GroupChat => Teams.GroupChatMessage(text, from),
        _ => Teams.PersonalMessage(text, from),
    };

    /// <summary>Posts the activity to the bot as Teams does; returns the HTTP answer's body (empty for messages).</summary>
    internal async Task<JsonNode?> PostAsync(JsonObject activity)
    {
        using var response = await Bot.PostAsync(activity);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new Xunit.Sdk.XunitException($"The bot answered {(int)response.StatusCode} to a {activity["type"]}: {body}");
        }
        return body.Length == 0 ? null : JsonNode.Parse(body);
    }

    private JsonNode GroupConversation(TeamsActivities.User from) => Teams.GroupChatMessage("", from)["conversation"]!.DeepClone();
}
