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

    /// <summary>Every input's value on a card: what Teams sends back when nothing is changed.</summary>
    public static JsonObject Inputs(JsonNode? node, JsonObject? into = null)
    {
        into ??= [];
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal) && o["value"] is { } value)
                {
                    into[o["id"]!.GetValue<string>()] = value.DeepClone();
                }
                foreach (var (key, child) in o)
                {
                    if (key is not ("actions" or "selectAction"))
                    {
                        Inputs(child, into);
                    }
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Inputs(child, into);
                }
                break;
        }
        return into;
    }

    /// <summary>Every Action.Execute anywhere on the card (actions, action sets, select actions, shown cards), in order.</summary>
    public static IEnumerable<JsonObject> ExecuteButtons(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "Action.Execute" => [o],
        JsonObject o => o.SelectMany(p => ExecuteButtons(p.Value)),
        JsonArray a => a.SelectMany(ExecuteButtons),
        _ => [],
    };

    /// <summary>The data of the <paramref name="index"/>th button with <paramref name="verb"/>, anywhere on the card.</summary>
    public static JsonObject ButtonData(JsonObject card, string verb, int index = 0) =>
        ExecuteButtons(card).Where(b => b["verb"]?.GetValue<string>() == verb).ElementAt(index)["data"]!.DeepClone().AsObject();
}
