using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace VpiBot.Features.Report;

/// <summary>One cell of a table: its lines (user text is put in as text, never parsed) and whether it is bold.</summary>
public sealed record DocxCell(IReadOnlyList<string> Lines, bool Bold = false)
{
    public static implicit operator DocxCell(string text) => new([text]);
}

/// <summary>
/// A Word document (Office Open XML, ECMA-376 Part 1) built in memory from paragraphs and tables: real styles
/// (Title, Heading1, Heading2, TOCHeading, TableGrid) so Word's navigation pane and table of contents work, the
/// language of the culture in the run defaults, a header, a footer with page numbers, and fields refreshed on open.
/// Pure: the same content gives the same bytes but for the package's timestamps.
/// Styles and fields as described in https://learn.microsoft.com/office/open-xml/word/structure-of-a-wordprocessingml-document.
/// </summary>
public static partial class Docx
{
    /// <summary>A4 with 2.2 cm margins, in twentieths of a point.</summary>
    private const int PageWidth = 11906, PageHeight = 16838, Margin = 1247, TextWidth = PageWidth - 2 * Margin;

    public static byte[] Package(string title, CultureInfo culture, string header, string footerTemplate, IEnumerable<OpenXmlElement> body)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            doc.PackageProperties.Title = Clean(title);
            doc.PackageProperties.Creator = "VpiBot";
            doc.PackageProperties.Language = Language(culture);
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles(culture);
            // w:updateFields: Word offers to update the fields (the table of contents) when the document opens
            main.AddNewPart<DocumentSettingsPart>().Settings = new W.Settings(
                new W.UpdateFieldsOnOpen { Val = true },
                new W.Compatibility(new W.CompatibilitySetting
                {
                    Name = W.CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15",
                }));
            var headerPart = main.AddNewPart<HeaderPart>();
            headerPart.Header = new W.Header(Paragraph(header, "Header"));
            var footerPart = main.AddNewPart<FooterPart>();
            footerPart.Footer = new W.Footer(PageNumbers(footerTemplate));
            var section = new W.SectionProperties(
                new W.HeaderReference { Type = W.HeaderFooterValues.Default, Id = main.GetIdOfPart(headerPart) },
                new W.FooterReference { Type = W.HeaderFooterValues.Default, Id = main.GetIdOfPart(footerPart) },
                new W.PageSize { Width = PageWidth, Height = PageHeight },
                new W.PageMargin { Top = 1247, Right = Margin, Bottom = 1247, Left = Margin, Header = 567, Footer = 567, Gutter = 0 });
            main.Document = new W.Document(new W.Body([.. body, section]));
        }
        return stream.ToArray();
    }

    /// <summary>The text without the characters XML 1.0 cannot hold (control characters, lone surrogates), which would corrupt the file.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                kept.Append(c);
            }
        }
        return kept.ToString();
    }

    public static W.Paragraph Title(string text) => Paragraph(text, "Title");

    public static W.Paragraph Heading(int level, string text) => Paragraph(text, $"Heading{level}");

    /// <summary>A paragraph of plain text (lines kept as line breaks), in a style, optionally bold.</summary>
    public static W.Paragraph Paragraph(string text, string? style = null, bool bold = false) =>
        new([.. Properties(style), Run(text, bold)]);

    /// <summary>"Label: value", the label bold.</summary>
    public static W.Paragraph Fact(string label, string value) => new(Run(label + ": ", bold: true), Run(value));

    /// <summary>A line of a short list.</summary>
    public static W.Paragraph Item(string text) => new(new W.ParagraphProperties(new W.Indentation { Left = "360", Hanging = "240" }), Run("•\u00a0" + text));

    public static W.Paragraph PageBreak() => new(new W.Run(new W.Break { Type = W.BreakValues.Page }));

    /// <summary>
    /// A table of contents of headings 1–2: a TOC field Word fills when it opens the document (w:updateFields),
    /// showing <paramref name="placeholder"/> until then.
    /// </summary>
    public static IEnumerable<OpenXmlElement> TableOfContents(string heading, string placeholder) =>
    [
        Paragraph(heading, "TOCHeading"),
        new W.Paragraph(
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Begin, Dirty = true }),
            new W.Run(new W.FieldCode(@" TOC \o ""1-2"" \h \z \u ") { Space = SpaceProcessingModeValues.Preserve }),
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Separate }),
            Run(placeholder),
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.End })),
    ];

    /// <summary>A table across the page, columns as wide as their <paramref name="weights"/>, the header row repeated on every page (w:tblHeader).</summary>
    public static W.Table Table(IReadOnlyList<string> headers, IReadOnlyList<int> weights, IEnumerable<IReadOnlyList<DocxCell>> rows)
    {
        var total = weights.Sum();
        var widths = weights.Select(w => TextWidth * w / total).ToList();
        var table = new W.Table(
            new W.TableProperties(
                new W.TableStyle { Val = "TableGrid" },
                new W.TableWidth { Width = "5000", Type = W.TableWidthUnitValues.Pct },
                new W.TableLook { Val = "04A0", FirstRow = true, LastRow = false, FirstColumn = false, LastColumn = false, NoHorizontalBand = false, NoVerticalBand = true }),
            new W.TableGrid(widths.Select(w => new W.GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })),
            new W.TableRow([new W.TableRowProperties(new W.TableHeader(), new W.CantSplit()),
                .. headers.Select((h, i) => Cell(new DocxCell([h], Bold: true), widths[i], header: true))]));
        foreach (var row in rows)
        {
            table.Append(new W.TableRow([new W.TableRowProperties(new W.CantSplit()), .. row.Select((c, i) => Cell(c, widths[i], header: false))]));
        }
        return table;
    }

    private static W.TableCell Cell(DocxCell cell, int width, bool header)
    {
        var properties = new W.TableCellProperties(new W.TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = W.TableWidthUnitValues.Dxa });
        if (header)
        {
            properties.Append(new W.Shading { Val = W.ShadingPatternValues.Clear, Color = "auto", Fill = "D9E2F3" });
        }
        var lines = cell.Lines.Count == 0 ? [""] : cell.Lines;
        return new W.TableCell([properties, .. lines.Select(l => Paragraph(l, "TableText", cell.Bold))]);
    }

    private static IEnumerable<OpenXmlElement> Properties(string? style) =>
        style is null ? [] : [new W.ParagraphProperties(new W.ParagraphStyleId { Val = style })];

    /// <summary>A run of text as it is: line breaks become w:br, spaces kept (xml:space="preserve").</summary>
    private static W.Run Run(string text, bool bold = false)
    {
        var run = new W.Run();
        if (bold)
        {
            run.Append(new W.RunProperties(new W.Bold()));
        }
        var lines = Clean(text).Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new W.Break());
            }
            run.Append(new W.Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }
        return run;
    }

    [GeneratedRegex(@"\{([01])\}")]
    private static partial Regex PageHoles();

    /// <summary>The footer's "Page {0} of {1}": {0} the PAGE field, {1} NUMPAGES.</summary>
    private static W.Paragraph PageNumbers(string template)
    {
        var paragraph = new W.Paragraph(new W.ParagraphProperties(new W.ParagraphStyleId { Val = "Footer" }));
        var at = 0;
        foreach (Match hole in PageHoles().Matches(template))
        {
            paragraph.Append(Run(template[at..hole.Index]));
            paragraph.Append(new W.SimpleField(new W.Run(new W.Text("1"))) { Instruction = hole.Groups[1].Value == "0" ? " PAGE " : " NUMPAGES " });
            at = hole.Index + hole.Length;
        }
        paragraph.Append(Run(template[at..]));
        return paragraph;
    }

    /// <summary>The culture's BCP 47 tag for w:lang ("en-US" for the invariant culture).</summary>
    private static string Language(CultureInfo culture) => string.IsNullOrEmpty(culture.Name) ? "en-US" : culture.Name;

    private static W.Styles Styles(CultureInfo culture)
    {
        var lang = Language(culture);
        var languages = new W.Languages { Val = lang };
        if (culture.TextInfo.IsRightToLeft)
        {
            languages.Bidi = lang;
        }
        if (culture.TwoLetterISOLanguageName is "zh" or "ja" or "ko")
        {
            languages.EastAsia = lang;
        }
        return new W.Styles(
            new W.DocDefaults(
                new W.RunPropertiesDefault(new W.RunPropertiesBaseStyle(
                    new W.RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri", EastAsia = "Calibri" },
                    new W.FontSize { Val = "22" }, new W.FontSizeComplexScript { Val = "22" }, languages)),
                new W.ParagraphPropertiesDefault(new W.ParagraphPropertiesBaseStyle(
                    new W.SpacingBetweenLines { After = "120", Line = "264", LineRule = W.LineSpacingRuleValues.Auto }))),
            ParagraphStyle("Normal", "Normal", null, isDefault: true),
            ParagraphStyle("Title", "Title", "Normal", uiPriority: 10,
                paragraph: [new W.SpacingBetweenLines { Before = "2400", After = "240" }],
                run: [new W.Color { Val = "1F3864" }, new W.FontSize { Val = "56" }, new W.FontSizeComplexScript { Val = "56" }]),
            ParagraphStyle("Heading1", "heading 1", "Normal", uiPriority: 9,
                paragraph: [new W.KeepNext(), new W.KeepLines(), new W.SpacingBetweenLines { Before = "360", After = "120" }, new W.OutlineLevel { Val = 0 }],
                run: [new W.Bold(), new W.Color { Val = "1F3864" }, new W.FontSize { Val = "32" }, new W.FontSizeComplexScript { Val = "32" }]),
            ParagraphStyle("Heading2", "heading 2", "Normal", uiPriority: 9,
                paragraph: [new W.KeepNext(), new W.KeepLines(), new W.SpacingBetweenLines { Before = "240", After = "80" }, new W.OutlineLevel { Val = 1 }],
                run: [new W.Bold(), new W.Color { Val = "2F5496" }, new W.FontSize { Val = "26" }, new W.FontSizeComplexScript { Val = "26" }]),
            ParagraphStyle("TOCHeading", "TOC Heading", "Heading1", uiPriority: 39,
                paragraph: [new W.OutlineLevel { Val = 9 }], run: []),
            ParagraphStyle("TableText", "Table Text", "Normal", uiPriority: 99,
                paragraph: [new W.SpacingBetweenLines { Before = "20", After = "20", Line = "240", LineRule = W.LineSpacingRuleValues.Auto }],
                run: [new W.FontSize { Val = "20" }, new W.FontSizeComplexScript { Val = "20" }]),
            ParagraphStyle("Header", "header", "Normal", uiPriority: 99,
                paragraph: [new W.Justification { Val = W.JustificationValues.Right }],
                run: [new W.Color { Val = "595959" }, new W.FontSize { Val = "18" }, new W.FontSizeComplexScript { Val = "18" }]),
            ParagraphStyle("Footer", "footer", "Normal", uiPriority: 99,
                paragraph: [new W.Justification { Val = W.JustificationValues.Center }],
                run: [new W.Color { Val = "595959" }, new W.FontSize { Val = "18" }, new W.FontSizeComplexScript { Val = "18" }]),
            new W.Style(
                new W.StyleName { Val = "Table Grid" },
                new W.UIPriority { Val = 59 },
                new W.StyleTableProperties(
                    new W.TableBorders(
                        new W.TopBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "8EAADB" },
                        new W.LeftBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "8EAADB" },
                        new W.BottomBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "8EAADB" },
                        new W.RightBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "8EAADB" },
                        new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "8EAADB" },
                        new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4, Space = 0, Color = "8EAADB" }),
                    new W.TableCellMarginDefault(
                        new W.TopMargin { Width = "40", Type = W.TableWidthUnitValues.Dxa },
                        new W.TableCellLeftMargin { Width = 100, Type = W.TableWidthValues.Dxa },
                        new W.BottomMargin { Width = "40", Type = W.TableWidthUnitValues.Dxa },
                        new W.TableCellRightMargin { Width = 100, Type = W.TableWidthValues.Dxa })))
            { Type = W.StyleValues.Table, StyleId = "TableGrid" });
    }

    private static W.Style ParagraphStyle(string id, string name, string? basedOn, bool isDefault = false, int? uiPriority = null,
        IReadOnlyList<OpenXmlElement>? paragraph = null, IReadOnlyList<OpenXmlElement>? run = null)
    {
        var style = new W.Style { Type = W.StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
        }
        style.Append(new W.StyleName { Val = name });
        if (basedOn is not null)
        {
            style.Append(new W.BasedOn { Val = basedOn }, new W.NextParagraphStyle { Val = "Normal" });
        }
        if (uiPriority is { } priority)
        {
            style.Append(new W.UIPriority { Val = priority });
        }
        style.Append(new W.PrimaryStyle());
        if (paragraph is { Count: > 0 })
        {
            style.Append(new W.StyleParagraphProperties(paragraph));
        }
        if (run is { Count: > 0 })
        {
            style.Append(new W.StyleRunProperties(run));
        }
        return style;
    }
}
