using System.Globalization;
using VpiBot.Domain;
using VpiBot.Features.Downloads;
using VpiBot.Features.Downloads.Cards;
using VpiBot.Features.Shared;
using VpiBot.Protocol.Routing;
using VpiBot.Storage;

namespace VpiBot.Features.Alliance;

/// <summary>The WhatsOn export as a download: the consenting organisations as they are when the link is used.</summary>
public abstract class WhatsOnDownload(OrganisationStore organisations, VpiStore vpis, TimeProvider time) : Download
{
    protected abstract string Extension { get; }
    protected abstract string ContentType { get; }
    protected abstract byte[] Build(IReadOnlyList<WhatsOnRow> rows, CultureInfo culture);

    public override async Task<DownloadFile> BuildAsync(Vpi vpi, Member caller, CultureInfo culture, CancellationToken ct)
    {
        var rows = WhatsOnExport.Rows(await organisations.ListAsync(vpi.Id, ct), await vpis.GetMembersAsync(vpi.Id, ct), culture);
        var day = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new DownloadFile($"whatson-{vpi.Country.ToLowerInvariant()}-{day}.{Extension}", ContentType, Build(rows, culture));
    }
}

/// <summary>The export as CSV (RFC 4180, UTF-8 with BOM).</summary>
public sealed class WhatsOnCsv(OrganisationStore organisations, VpiStore vpis, TimeProvider time) : WhatsOnDownload(organisations, vpis, time)
{
    public const string KindName = "whatson-csv";
    public override string Kind => KindName;
    protected override string Extension => "csv";
    protected override string ContentType => "text/csv; charset=utf-8";
    protected override byte[] Build(IReadOnlyList<WhatsOnRow> rows, CultureInfo culture) => WhatsOnExport.Csv(rows, culture);
}

/// <summary>The export as an Excel workbook.</summary>
public sealed class WhatsOnXlsx(OrganisationStore organisations, VpiStore vpis, TimeProvider time) : WhatsOnDownload(organisations, vpis, time)
{
    public const string KindName = "whatson-xlsx";
    public override string Kind => KindName;
    protected override string Extension => "xlsx";
    protected override string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    protected override byte[] Build(IReadOnlyList<WhatsOnRow> rows, CultureInfo culture) => WhatsOnExport.Xlsx(rows, culture);
}

/// <summary>"whatson export": a card with two short-lived links, CSV and Excel, to the consenting organisations.</summary>
public sealed class WhatsOnHandlers(OrganisationStore organisations, DownloadLinks links)
{
    public async Task<Answer> ExportAsync(VpiTurn t, CancellationToken ct)
    {
        var all = await organisations.ListAsync(t.Vpi.Id, ct);
        return Answer.Card(DownloadCard.Build(t.Say("WhatsOn.Title"), t.Say("WhatsOn.Description", all.Count(o => o.ConsentsToWhatsOn), all.Count),
            [(t.Say("WhatsOn.Csv"), links.Create(t, WhatsOnCsv.KindName)), (t.Say("WhatsOn.Xlsx"), links.Create(t, WhatsOnXlsx.KindName))], t.Culture));
    }
}
