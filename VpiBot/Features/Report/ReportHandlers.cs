using VpiBot.Domain;
using VpiBot.Features.Downloads;
using VpiBot.Features.Downloads.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;

namespace VpiBot.Features.Report;

/// <summary>"report": a card whose button downloads the outcome report through a link of a few minutes, for the caller only.</summary>
public sealed class ReportHandlers(DownloadLinks links)
{
    public Task<Answer> ReportAsync(VpiTurn t)
    {
        var link = links.Create(t, ReportDownload.ReportKind);
        return Task.FromResult(Answer.Card(DownloadCard.Build(Text.Get("Report.CardTitle", t.Culture),
            Text.Get("Report.CardAbout", t.Culture, Countries.Name(t.Vpi.Country, t.Culture)),
            [(Text.Get("Report.Download", t.Culture), link)], t.Culture)));
    }
}
