using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace VpiBot.Tests.Features.Report;

/// <summary>A .docx read back with the Open XML SDK, as a test sees it: its paragraphs, headings, tables and parts.</summary>
public sealed class ReportDocument
{
    public ReportDocument(byte[] bytes)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Errors = [.. new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(doc)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")];
        var main = doc.MainDocumentPart!;
        var body = main.Document.Body!;
        Paragraphs = [.. body.Elements<W.Paragraph>().Select(p => p.InnerText)];
        Headings = [.. body.Elements<W.Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value is { } s && s.StartsWith("Heading", StringComparison.Ordinal))
            .Select(p => (p.ParagraphProperties!.ParagraphStyleId!.Val!.Value!, p.InnerText))];
        Tables = [.. body.Elements<W.Table>().Select(t => (IReadOnlyList<IReadOnlyList<string>>)[.. t.Elements<W.TableRow>()
            .Select(r => (IReadOnlyList<string>)[.. r.Elements<W.TableCell>().Select(c => string.Join("\n", c.Elements<W.Paragraph>().Select(p => p.InnerText)))])])];
        TablesWithRepeatedHeader = body.Elements<W.Table>().Count(t => t.Elements<W.TableRow>().First().TableRowProperties?.GetFirstChild<W.TableHeader>() is not null);
        Title = doc.PackageProperties.Title;
        var styles = main.StyleDefinitionsPart!.Styles!;
        StyleIds = [.. styles.Elements<W.Style>().Select(s => s.StyleId!.Value!)];
        Language = styles.DocDefaults?.RunPropertiesDefault?.RunPropertiesBaseStyle?.GetFirstChild<W.Languages>()?.Val?.Value;
        UpdatesFieldsOnOpen = main.DocumentSettingsPart?.Settings?.GetFirstChild<W.UpdateFieldsOnOpen>()?.Val?.Value == true;
        FieldCodes = [.. body.Descendants<W.FieldCode>().Select(f => f.Text.Trim())];
        Header = string.Concat(main.HeaderParts.Select(h => h.Header!.InnerText));
        FooterFields = [.. main.FooterParts.SelectMany(f => f.Footer!.Descendants<W.SimpleField>()).Select(f => f.Instruction!.Value!.Trim())];
        AllText = string.Join("\n", body.Descendants<W.Paragraph>().Select(p => p.InnerText));
    }

    public IReadOnlyList<string> Errors { get; }
    public IReadOnlyList<string> Paragraphs { get; }
    public IReadOnlyList<(string Style, string Text)> Headings { get; }
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Tables { get; }
    public int TablesWithRepeatedHeader { get; }
    public string? Title { get; }
    public IReadOnlyList<string> StyleIds { get; }
    public string? Language { get; }
    public bool UpdatesFieldsOnOpen { get; }
    public IReadOnlyList<string> FieldCodes { get; }
    public string Header { get; }
    public IReadOnlyList<string> FooterFields { get; }
    public string AllText { get; }

    /// <summary>The table whose header row starts with these cells.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Table(params string[] header) =>
        Tables.Single(t => t[0].Take(header.Length).SequenceEqual(header));

    /// <summary>The tables whose header row starts with these cells, in document order.</summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> TablesHeaded(params string[] header) =>
        [.. Tables.Where(t => t[0].Take(header.Length).SequenceEqual(header))];
}
