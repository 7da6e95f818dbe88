using System.Globalization;
using VpiBot.Domain;
using VpiBot.Features.Downloads;

namespace VpiBot.Features.Report;

/// <summary>The outcome report as a download (<c>/downloads/{vpi}/report</c>): built from the VPI's data when the link is used.</summary>
public sealed class ReportDownload(ReportReading reading) : Download
{
    public const string ReportKind = "report";

    public override string Kind => ReportKind;

    public override async Task<DownloadFile> BuildAsync(Vpi vpi, Member caller, CultureInfo culture, CancellationToken ct)
    {
        var data = await reading.ReadAsync(vpi, ct);
        return new DownloadFile(OutcomeReport.FileName(data), OutcomeReport.ContentType, OutcomeReport.Build(data, culture));
    }
}
