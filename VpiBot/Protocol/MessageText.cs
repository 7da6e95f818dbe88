using System.Net;
using System.Text.RegularExpressions;

namespace VpiBot.Protocol;

/// <summary>What the user typed, as a command: the bot's @mention removed, HTML entities decoded, whitespace collapsed.</summary>
public static partial class MessageText
{
    public static string WithoutBotMention(Activity activity)
    {
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if (BotJson.StringAt(entity, "type") == "mention"
                && BotJson.StringAt(entity, "mentioned", "id") is { } mentioned && mentioned == botId
                && BotJson.StringAt(entity, "text") is { Length: > 0 } mentionText)
            {
                text = text.Replace(mentionText, " ", StringComparison.Ordinal);
            }
        }
        // A channel message addressed to the bot begins with its mention; if the entity was missing, drop a leading <at>..</at>.
        text = LeadingMention().Replace(text, " ");
        text = WebUtility.HtmlDecode(text);
        return Whitespace().Replace(text, " ").Trim();
    }

    /// <summary>The Teams ids of the people @mentioned in the message, the bot aside ("add member @Bob").</summary>
    public static IEnumerable<string> MentionedPeople(Activity activity) =>
        (activity.Entities ?? [])
            .Where(e => BotJson.StringAt(e, "type") == "mention")
            .Select(e => BotJson.StringAt(e, "mentioned", "id"))
            .OfType<string>()
            .Where(id => id != activity.Recipient?.Id);

    [GeneratedRegex(@"^\s*<at>[^<]*</at>")]
    private static partial Regex LeadingMention();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
