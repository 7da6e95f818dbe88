using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using VpiBot.Domain;
using Member = VpiBot.Domain.Member;
using VpiBot.Domain.Alliance;
using VpiBot.Features.Alliance;

namespace VpiBot.Tests.Features.Alliance;

/// <summary>The WhatsOn files as UNODC's WhatsOn team opens them: read back cell by cell, whatever the names hold.</summary>
public sealed class WhatsOnExportTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Names people really type: Arabic, Chinese, quotes, commas, line breaks, leading formula characters, an emoji.</summary>
    public static readonly WhatsOnRow[] Awkward =
    [
        new("جمعية الأمل لمكافحة الاتجار", "NGO", "Egypt", "القاهرة", "https://amal.example.org", "Trafficking in persons; Victims and witnesses", "ليلى حسن", "layla@example.org", "2026-11-01"),
        new("中国政法大学 \"犯罪学\" 研究所", "Academia", "China", "北京", "", "Cybercrime", "王伟", "wang@example.cn", "2026-11-02"),
        new("Smith, Jones & \"Partners\"", "Private sector", "Ghana", "Accra,\r\nOsu", "http://sjp.example.com/a,b", "Money laundering", "Kofi \"KB\" Boateng", "", "2026-11-03"),
        new("=HYPERLINK(\"http://evil.example\",\"click\")", "Other", "Ghana", "+233", "", "-2+3", "@admin", "e@x.org", "2026-11-04"),
        new("Line one\nline two 🌍", "NGO", "Ghana", "Tamale", "", "Firearms", "Ama", "ama@example.org", "2026-11-05"),
    ];

    /// <summary>A reader of RFC 4180 as written there (quoted fields, doubled quotes, CRLF records), to check the writer against.</summary>
    private static List<List<string>> ReadCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"' && field.Length == 0) { quoted = true; }
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { record.Add(field.ToString()); field.Clear(); records.Add(record); record = []; i++; }
            else
            {
                Assert.False(c is '"' or '\r' or '\n', $"unquoted {(int)c} at {i}: not RFC 4180");
                field.Append(c);
            }
        }
        Assert.False(quoted, "a quoted field is not closed");
        Assert.True(record.Count == 0 && field.Length == 0, "the last record does not end with CRLF");
        return records;
    }

    [Fact]
    public void The_CSV_is_UTF8_with_a_BOM_RFC_4180_and_reads_back_as_written_with_formula_cells_defused()
    {
        var bytes = WhatsOnExport.Csv(Awkward, English);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var records = ReadCsv(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes[3..]));

        Assert.Equal(["Name", "Type", "Country", "City", "Website", "Themes", "Contact name", "Contact email", "Consent given on"], records[0]);
        Assert.Equal(Awkward.Length + 1, records.Count);
        for (var r = 0; r < Awkward.Length; r++)
        {
            Assert.Equal(Awkward[r].Cells.Select(WhatsOnExport.Defused), records[r + 1]);
        }
        Assert.Equal("Accra,\r\nOsu", records[3][3]); // a line break inside a field survives
        // OWASP CSV Injection: what a spreadsheet would run starts with an apostrophe instead
        Assert.Equal(["'=HYPERLINK(\"http://evil.example\",\"click\")", "Other", "Ghana", "'+233", "", "'-2+3", "'@admin", "e@x.org", "2026-11-04"], records[4]);
        Assert.Equal("Smith, Jones & \"Partners\"", records[3][0]);
    }

    [Fact]
    public void The_workbook_is_valid_Open_XML_with_a_bold_frozen_header_and_reads_back_cell_by_cell()
    {
        var bytes = WhatsOnExport.Xlsx(Awkward, English);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);

        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single();
        Assert.Equal("WhatsOn", sheet.Name!.Value);
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
        var rows = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        var cells = rows.Select(r => r.Elements<Cell>().Select(c => c.InlineString!.InnerText).ToList()).ToList();
        Assert.Equal(WhatsOnExport.Header(English), cells[0]);
        for (var r = 0; r < Awkward.Length; r++)
        {
            // as typed (line breaks as Excel's LF): an inline string is never a formula, so nothing to defuse
            Assert.Equal(Awkward[r].Cells.Select(c => c.ReplaceLineEndings("\n")), cells[r + 1]);
        }
        Assert.Equal("C3", rows[2].Elements<Cell>().ElementAt(2).CellReference!.Value);

        // the header is bold (style 1 → font 1 → bold), frozen below row 1, and every column has a width
        var header = rows[0].Elements<Cell>().ToList();
        Assert.All(header, c => Assert.Equal(1u, c.StyleIndex!.Value));
        var format = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt(1);
        Assert.NotNull(workbook.WorkbookStylesPart.Stylesheet.Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value).Bold);
        Assert.Equal(0u, rows[1].Elements<Cell>().First().StyleIndex!.Value);
        var pane = worksheet.Descendants<Pane>().Single();
        Assert.Equal((1d, PaneStateValues.Frozen, "A2"), (pane.VerticalSplit!.Value, pane.State!.Value, pane.TopLeftCell!.Value));
        var widths = worksheet.Descendants<Column>().ToList();
        Assert.Equal(9, widths.Count);
        Assert.True(widths[0].Width! > widths[7].Width!); // names are wider than e-mail addresses here
    }

    [Fact]
    public void A_workbook_of_no_organisation_and_one_with_control_characters_are_valid()
    {
        foreach (var rows in new[] { Array.Empty<WhatsOnRow>(), [Awkward[0] with { Name = "Bell\u0007 and \u0001 tab\tok" }] })
        {
            Assert.Equal("Bell and  tab\tok", WhatsOnExport.XmlSafe("Bell\u0007 and \u0001 tab\tok"));
            using var document = SpreadsheetDocument.Open(new MemoryStream(WhatsOnExport.Xlsx(rows, English)), false);
            Assert.Empty(new OpenXmlValidator().Validate(document));
            Assert.Equal(rows.Length + 1, document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Count());
        }
    }

    [Fact]
    public void Only_organisations_whose_contact_consented_are_rows_never_those_asked_refused_or_withdrawn()
    {
        var now = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
        var ama = new Member("ama", "29:ama", "Ama Owusu", "ama@example.org", VpiRole.Alliance, "Org", OrganisationType.Ngo, "f", now);
        AllianceOrganisation Org(int n, ConsentState state) => new(n, new OrganisationDetails($"Org {state}", OrganisationType.Ngo, "GH", "Accra", null,
            [UntocTheme.Corruption, UntocTheme.Cybercrime]), "ama", new WhatsOnConsent(state, "ama", "Ama Owusu", now), 1, "ama", "Ama", now);
        var rows = WhatsOnExport.Rows(Enum.GetValues<ConsentState>().Select((s, i) => Org(i + 1, s)), [ama], English);
        var row = Assert.Single(rows);
        Assert.Equal(new WhatsOnRow("Org Given", "NGO", "Ghana", "Accra", "", "Corruption; Cybercrime", "Ama Owusu", "ama@example.org", "2026-11-28"), row);
    }
}
