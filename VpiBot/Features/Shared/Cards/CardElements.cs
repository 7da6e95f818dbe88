using System.Text.Json.Nodes;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;

namespace VpiBot.Features.Shared.Cards;

/// <summary>
/// The Adaptive Card 1.5 pieces every card is built from (https://adaptivecards.io/explorer/). Pure functions:
/// text in, JSON out. Teams renders schema 1.5: https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference#adaptive-card
/// </summary>
public static class CardElements
{
    public const string Version = "1.5";

    public static JsonObject Card(IEnumerable<JsonNode?> body, IEnumerable<JsonNode>? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["body"] = new JsonArray(body.Where(e => e is not null).ToArray()),
        };
        var actionList = actions?.ToArray() ?? [];
        if (actionList.Length > 0)
        {
            card["actions"] = new JsonArray(actionList);
        }
        DropNulls(card);
        return card;
    }

    /// <summary>Optional properties left null (an input with no value yet) are omitted, as the schema expects.</summary>
    private static void DropNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(key);
                }
                foreach (var (_, child) in obj)
                {
                    DropNulls(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    DropNulls(child);
                }
                break;
        }
    }

    public static JsonObject Heading(string text) => new()
    {
        ["type"] = "TextBlock", ["text"] = text, ["size"] = "Large", ["weight"] = "Bolder", ["wrap"] = true, ["style"] = "heading",
    };

    public static JsonObject Subheading(string text) => new()
    {
        ["type"] = "TextBlock", ["text"] = text, ["weight"] = "Bolder", ["wrap"] = true, ["spacing"] = "Medium",
    };

    /// <summary>Text cut to at most <paramref name="max"/> characters, ending in "…" where it was cut.</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    public static JsonObject Paragraph(string text) => new() { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };

    /// <summary>Term and explanation pairs, e.g. a command and what it does.</summary>
    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value }).ToArray()),
    };

    /// <summary>
    /// Text a person typed (names, organisations, titles): a RichTextBlock TextRun, which Teams does not read as
    /// markdown, so it cannot become a link, a fake mention or formatting. JSON escaping is the serializer's job.
    /// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format#markdown-formatting-for-adaptive-cards
    /// </summary>
    public static JsonObject UserText(string text, bool subtle = false, bool title = false)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text, ["isSubtle"] = subtle };
        if (title)
        {
            run["weight"] = "Bolder";
            run["size"] = "Medium";
        }
        return new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(run) };
    }

    /// <summary>A highlighted line at the top of a card ("this card was out of date", "Ama was added"); may contain names, so not markdown.</summary>
    public static JsonObject Notice(string text) => new()
    {
        ["type"] = "RichTextBlock",
        ["inlines"] = new JsonArray(new JsonObject { ["type"] = "TextRun", ["text"] = text, ["color"] = "Accent", ["weight"] = "Bolder" }),
    };

    public static JsonObject Choice(string title, string value) => new() { ["title"] = title, ["value"] = value };

    /// <summary>A drop-down; <paramref name="filtered"/> lets people type to search long lists (countries, people).</summary>
    public static JsonObject ChoiceInput(string id, string label, IEnumerable<JsonObject> choices, string? value, bool filtered = false, bool expanded = false,
        string? errorMessage = null) => new()
    {
        ["type"] = "Input.ChoiceSet",
        ["id"] = id,
        ["label"] = label,
        ["isRequired"] = true,
        ["errorMessage"] = errorMessage ?? label,
        ["style"] = filtered ? "filtered" : expanded ? "expanded" : "compact",
        ["wrap"] = true,
        ["value"] = value,
        ["choices"] = new JsonArray(choices.Cast<JsonNode>().ToArray()),
    };

    /// <summary>A required text input; <paramref name="errorMessage"/> says what to do when it is left empty (default: its label).</summary>
    public static JsonObject TextInput(string id, string label, string? value, int maxLength, string? errorMessage = null) => new()
    {
        ["type"] = "Input.Text", ["id"] = id, ["label"] = label, ["isRequired"] = true, ["errorMessage"] = errorMessage ?? label,
        ["maxLength"] = maxLength, ["value"] = value,
    };

    /// <summary>The input, not required by the card (the bot checks it when it matters, e.g. on Submit but not for a draft).</summary>
    public static JsonObject Optional(JsonObject input)
    {
        input["isRequired"] = false;
        input.Remove("errorMessage");
        return input;
    }

    /// <summary>What is wrong with a form, as an error (not a notice): in the attention colour, one line per problem.</summary>
    public static JsonObject Problems(IEnumerable<string> problems) => new()
    {
        ["type"] = "Container", ["style"] = "attention",
        ["items"] = new JsonArray(problems.Select(p => (JsonNode)new JsonObject
        {
            ["type"] = "TextBlock", ["text"] = "⚠ " + p, ["wrap"] = true, ["color"] = "Attention", ["weight"] = "Bolder",
        }).ToArray()),
    };

    public static JsonObject MultilineInput(string id, string label, string? value, int maxLength, string? errorMessage = null)
    {
        var input = TextInput(id, label, value, maxLength, errorMessage);
        input["isMultiline"] = true;
        return input;
    }

    /// <summary>
    /// A Universal Action button: Teams sends an <c>adaptiveCard/action</c> invoke with this verb and data merged with the inputs.
    /// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
    /// </summary>
    public static JsonObject Execute<TData>(string title, TData data, bool primary = true) where TData : ICardData => new()
    {
        ["type"] = "Action.Execute", ["title"] = title, ["verb"] = TData.Verb, ["data"] = CardData.Of(data), ["style"] = primary ? "positive" : "default",
    };

    /// <summary>
    /// What a click on a whole item (a container's <c>selectAction</c>) does. It has no title on purpose: the renderer makes
    /// the item a button and its title the button's name, which would hide what the item shows from screen readers; with
    /// none, the button is named by its content (WCAG 2.5.3, label in name — axe-core's label-content-name-mismatch).
    /// </summary>
    public static JsonObject Select<TData>(TData data) where TData : ICardData => new()
    {
        ["type"] = "Action.Execute", ["verb"] = TData.Verb, ["data"] = CardData.Of(data),
    };

    /// <summary>A required date (the card sends yyyy-MM-dd); <paramref name="value"/> shown when it is one.</summary>
    public static JsonObject DateInput(string id, string label, string? value, string error) => new()
    {
        ["type"] = "Input.Date", ["id"] = id, ["label"] = label, ["isRequired"] = true, ["errorMessage"] = error,
        ["value"] = value is { Length: 10 } ? value : null,
    };

    /// <summary>
    /// An instant in each viewer's own time zone and language: Teams formats <c>{{DATE()}}</c> and <c>{{TIME()}}</c> on the
    /// device (in a TextBlock, from an RFC 3339 UTC time).
    /// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format#date-and-time-formatting
    /// </summary>
    public static string DeviceDateTime(DateTimeOffset at) => $"{DeviceDate(at)} {DeviceTime(at)}";

    public static string DeviceDate(DateTimeOffset at) => $"{{{{DATE({Rfc3339(at)}, LONG)}}}}";

    public static string DeviceTime(DateTimeOffset at) => $"{{{{TIME({Rfc3339(at)})}}}}";

    private static string Rfc3339(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An on/off choice: a short label above, what "on" means beside the box (Teams sends "true" or "false").</summary>
    public static JsonObject Toggle(string id, string label, string title, string value) => new()
    {
        ["type"] = "Input.Toggle", ["id"] = id, ["label"] = label, ["title"] = title, ["valueOn"] = "true", ["valueOff"] = "false", ["value"] = value, ["wrap"] = true,
    };

    /// <summary>The States a VPI (or an organisation) can be in, by name in the reader's language, for a filtered drop-down.</summary>
    public static IEnumerable<JsonObject> CountryChoices(System.Globalization.CultureInfo culture) =>
        VpiBot.Domain.Countries.Codes.Select(c => (Code: c, Name: VpiBot.Domain.Countries.Name(c, culture))).OrderBy(c => c.Name, StringComparer.Create(culture, true))
            .Select(c => Choice(c.Name, c.Code));

    public static JsonObject Bullets(IEnumerable<string> items) => Paragraph(string.Join("\n", items.Select(i => "- " + i)));

    /// <summary>A button that runs a command for the person who clicks it; what the command shows is posted as a new message.</summary>
    public static JsonObject CommandButton(string title, string command) => Execute(title, new RunCommand(command), primary: false);
}
