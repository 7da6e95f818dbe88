using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using VpiBot.Domain;
using Member = VpiBot.Domain.Member;
using Text = VpiBot.Resources.Text;
using VpiBot.Domain.Alliance;
using VpiBot.Features.Shared;
using VpiBot.Resources;

namespace VpiBot.Features.Alliance;

/// <summary>One organisation as WhatsOn receives it: every cell as text, in the reader's language.</summary>
public sealed record WhatsOnRow(string Name, string Type, string Country, string City, string Website, string Themes, string ContactName, string ContactEmail,
    string ConsentGivenOn)
{
    public IReadOnlyList<string> Cells => [Name, Type, Country, City, Website, Themes, ContactName, ContactEmail, ConsentGivenOn];
}

/// <summary>
/// The alliance's organisations for UNODC's WhatsOn knowledge hub (concept note §2.A), as CSV and as an Excel workbook.
/// Only organisations whose contact consented (and did not withdraw) are ever in it. Pure: rows in, bytes out.
/// </summary>
public static class WhatsOnExport
{
    private static readonly string[] Columns = ["Name", "Type", "Country", "City", "Website", "Themes", "ContactName", "ContactEmail", "ConsentGivenOn"];

    /// <summary>The rows of the organisations that consented, by name; the contact as on the roster (or as they gave consent, if gone).</summary>
    public static IReadOnlyList<WhatsOnRow> Rows(IEnumerable<AllianceOrganisation> organisations, IReadOnlyList<Member> roster, CultureInfo culture) =>
        organisations.Where(o => o.ConsentsToWhatsOn).OrderBy(o => o.Details.Name, StringComparer.Create(culture, true)).Select(o =>
        {
            var contact = roster.FirstOrDefault(m => o.IsContact(m.AadObjectId));
            var d = o.Details;
            return new WhatsOnRow(d.Name, Labels.Of(d.Type, culture), Countries.Name(d.Country, culture), d.City, d.Website ?? "",
                string.Join("; ", d.Themes.Select(x => Labels.Of(x, culture))), contact?.Name ?? o.Consent.ByName ?? "", contact?.Email ?? "",
                o.Consent.At is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "");
        }).ToList();

    public static IReadOnlyList<string> Header(CultureInfo culture) => Columns.Select(c => Text.Get($"WhatsOn.Column.{c}", culture)).ToList();

    /// <summary>
    /// RFC 4180 CSV (https://www.rfc-editor.org/rfc/rfc4180): a header row, CRLF line ends, fields holding a comma, quote,
    /// CR or LF in quotes with quotes doubled; UTF-8 with a byte order mark, which Excel needs to read non-Latin names.
    /// </summary>
    public static byte[] Csv(IReadOnlyList<WhatsOnRow> rows, CultureInfo culture)
    {
        var csv = new StringBuilder();
        foreach (var line in rows.Select(r => r.Cells).Prepend(Header(culture)))
        {
            csv.Append(string.Join(',', line.Select(c => CsvField(Defused(c))))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>
    /// A cell a spreadsheet would run as a formula (starting with = + - @, or a tab or CR) gets a leading apostrophe, as
    /// OWASP's "CSV Injection" advises (https://owasp.org/www-community/attacks/CSV_Injection): a name like
    /// <c>=HYPERLINK(...)</c> is shown as typed, never run on the WhatsOn team's machines.
    /// </summary>
    public static string Defused(string cell) => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    private static string CsvField(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    /// <summary>
    /// An Excel workbook (Office Open XML, ECMA-376) of one sheet: the header row bold and frozen, columns sized, one row per
    /// organisation, every cell an inline string (never a formula, whatever it starts with).
    /// https://learn.microsoft.com/office/open-xml/spreadsheet/how-to-create-a-spreadsheet-document-by-providing-a-file-name
    /// </summary>
    public static byte[] Xlsx(IReadOnlyList<WhatsOnRow> rows, CultureInfo culture)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var header = Header(culture);
            var data = new SheetData(rows.Select(r => r.Cells).Prepend(header).Select((cells, i) => Row((uint)i + 1, cells, bold: i == 0)));
            sheetPart.Worksheet = new Worksheet(
                new SheetViews(new SheetView(
                    new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                    new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
                { WorkbookViewId = 0 }),
                new Columns(header.Select((_, i) => new Column
                {
                    Min = (uint)i + 1, Max = (uint)i + 1, CustomWidth = true,
                    Width = Math.Clamp(rows.Select(r => r.Cells[i].Length).Append(header[i].Length).Max() + 2, 10, 60),
                })),
                data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "WhatsOn" }));
        }
        return stream.ToArray();
    }

    private static Row Row(uint number, IReadOnlyList<string> cells, bool bold) =>
        new(cells.Select((text, i) => new Cell
        {
            CellReference = ColumnName(i) + number.ToString(CultureInfo.InvariantCulture),
            DataType = CellValues.InlineString,
            StyleIndex = bold ? 1u : 0u,
            InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }),
        })) { RowIndex = number };

    /// <summary>Column letters of the first 26 columns (the export has nine).</summary>
    private static string ColumnName(int index) => ((char)('A' + index)).ToString();

    /// <summary>
    /// Characters XML 1.0 cannot hold (control characters pasted into a name) are dropped, so the workbook opens; line
    /// breaks become LF, Excel's line break within a cell (XML reads a CR LF as LF anyway: XML 1.0 §2.11).
    /// </summary>
    public static string XmlSafe(string text) =>
        string.Concat(text.ReplaceLineEndings("\n").EnumerateRunes().Where(r => r.Value is 0x9 or 0xA or 0xD or >= 0x20 and <= 0xD7FF or >= 0xE000 and <= 0xFFFD or >= 0x10000).Select(r => r.ToString()));

    /// <summary>The least stylesheet Excel accepts (two fills are required), with a bold font for the header (style 1).</summary>
    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
}
