using System.Globalization;
using System.Text.Json.Nodes;
using VpiBot.Resources;
using static VpiBot.Features.Shared.Cards.CardElements;

namespace VpiBot.Features.Downloads.Cards;

/// <summary>
/// A document ready to download: what it is, one button per file (Action.OpenUrl: Teams opens the link in the browser,
/// which saves the file), and until when the link works, in the viewer's own time.
/// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-actions#adaptive-cards-actions
/// </summary>
public static class DownloadCard
{
    public static JsonObject Build(string title, string description, IReadOnlyList<(string Label, DownloadLink Link)> files, CultureInfo culture) =>
        Card(
            [
                Heading(title),
                Paragraph(description),
                Paragraph(Text.Get("Download.ValidUntil", culture, DeviceTime(files.Min(f => f.Link.ExpiresAt)))),
            ],
            files.Select(f => (JsonNode)new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = f.Label, ["url"] = f.Link.Url.AbsoluteUri }));
}
