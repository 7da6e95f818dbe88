using System.Text.Json.Nodes;

namespace VpiBot.Tests.Support;

/// <summary>Reading a card the bot sent as a person would (for tests that look at its JSON rather than render it).</summary>
public static class CardReading
{
    /// <summary>The titles of the card's buttons, in order.</summary>
    public static IEnumerable<string> ButtonTitles(JsonObject? card) =>
        card?["actions"]?.AsArray().Select(a => a!["title"]!.GetValue<string>()) ?? [];

    /// <summary>Everything a person reads on a card: TextBlock texts, TextRun texts, fact titles and values.</summary>
    public static string Visible(JsonNode? node) => node switch
    {
        JsonObject o => string.Join("\n", o.Where(p => p.Key is "text" or "value" or "title" or "body" or "items" or "inlines" or "facts").Select(p => Visible(p.Value))),
        JsonArray a => string.Join("\n", a.Select(Visible)),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => "",
    };
}
