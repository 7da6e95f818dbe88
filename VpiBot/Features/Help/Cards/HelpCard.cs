using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Protocol;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Help.Cards;

public static class HelpCard
{
    public static JsonObject Build(IEnumerable<ITextCommand> commands, CultureInfo culture) => Card(
    [
        Heading(Text.Get("Help.Title", culture)),
        Paragraph(Text.Get("Help.Intro", culture)),
        Facts(commands.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => (c.Name, Text.Get(c.DescriptionKey, culture)))),
    ]);
}
