using System.Text.Json.Nodes;

namespace VpiBot.Features.Shared.Cards;

/// <summary>
/// The Adaptive Card 1.5 pieces every card is built from (https://adaptivecards.io/explorer/). Pure functions:
/// text in, JSON out. Teams renders schema 1.5: https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference#adaptive-card
/// </summary>
public static class CardElements
{
    public const string Version = "1.5";

    public static JsonObject Card(IEnumerable<JsonNode> body, IEnumerable<JsonNode>? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["body"] = new JsonArray(body.ToArray()),
        };
        var actionList = actions?.ToArray() ?? [];
        if (actionList.Length > 0)
        {
            card["actions"] = new JsonArray(actionList);
        }
        return card;
    }

    public static JsonObject Heading(string text) => new()
    {
        ["type"] = "TextBlock", ["text"] = text, ["size"] = "Large", ["weight"] = "Bolder", ["wrap"] = true, ["style"] = "heading",
    };

    public static JsonObject Subheading(string text) => new()
    {
        ["type"] = "TextBlock", ["text"] = text, ["weight"] = "Bolder", ["wrap"] = true, ["spacing"] = "Medium",
    };

    public static JsonObject Paragraph(string text) => new() { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };

    /// <summary>Term and explanation pairs, e.g. a command and what it does.</summary>
    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value }).ToArray()),
    };

    public static JsonObject Bullets(IEnumerable<string> items) => Paragraph(string.Join("\n", items.Select(i => "- " + i)));

    /// <summary>A button that posts <paramref name="command"/> into the chat as if the user typed it (Teams imBack).
    /// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-actions#adaptive-cards-actions</summary>
    public static JsonObject CommandButton(string title, string command) => new()
    {
        ["type"] = "Action.Submit",
        ["title"] = title,
        ["data"] = new JsonObject { ["msteams"] = new JsonObject { ["type"] = "imBack", ["value"] = command } },
    };
}
