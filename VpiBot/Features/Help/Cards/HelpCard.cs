using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Help.Cards;

/// <summary>The commands, grouped in the order of a VPI's work, each as the reader types it in their language.</summary>
public static class HelpCard
{
    public static JsonObject Build(IReadOnlyList<CommandRoute> commands, CultureInfo culture)
    {
        var body = new List<JsonNode?> { Heading(Text.Get("Help.Title", culture)), Paragraph(Text.Get("Help.Intro", culture)) };
        foreach (var group in commands.GroupBy(c => c.Group))
        {
            body.Add(Subheading(Text.Get(group.Key, culture)));
            body.Add(Facts(group.Select(c => (Typed(c, culture), Text.Get(c.DescriptionKey, culture)))));
        }
        return Card(body);
    }

    /// <summary>A command as the reader types it in their language, with its English name (which always works) after it when it differs.</summary>
    private static string Typed(CommandRoute command, CultureInfo culture) =>
        command.WordsIn(culture) is var words && words != command.Name ? Text.Get("Help.CommandInOtherWords", culture, words, command.Name) : command.Name;
}
