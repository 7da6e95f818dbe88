using System.Text.Json.Nodes;

namespace VpiBot.Features.Shared.Cards;

/// <summary>What a person reads on a card, as plain lines: text blocks, text runs, facts ("title: value"). Inputs and buttons are left out.</summary>
public static class CardText
{
    public static string Visible(JsonNode? card) => string.Join("\n", Lines(card).Where(l => l.Length > 0));

    private static IEnumerable<string> Lines(JsonNode? node) => node switch
    {
        JsonArray a => a.SelectMany(Lines),
        JsonObject o => (o["type"]?.GetValue<string>()) switch
        {
            "TextBlock" => [o["text"]?.GetValue<string>() ?? ""],
            "RichTextBlock" => [string.Concat((o["inlines"] as JsonArray ?? []).Select(i => i?["text"]?.GetValue<string>() ?? ""))],
            "FactSet" => (o["facts"] as JsonArray ?? []).Select(f => $"{f?["title"]?.GetValue<string>()}: {f?["value"]?.GetValue<string>()}"),
            "AdaptiveCard" => Lines(o["body"]),
            "Container" => Lines(o["items"]),
            "ColumnSet" => Lines(o["columns"]),
            "Column" => Lines(o["items"]),
            _ => [],
        },
        _ => [],
    };
}
