using System.Globalization;
using VpiBot.Features.Report;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Features.Report;

/// <summary>
/// The report's first page as LibreOffice renders it, copied to TestResults/report/ for a person to look at; the test
/// checks it is a real page with something on it (portrait, and unlike the render of an empty document).
/// </summary>
public sealed class OutcomeReportRenderTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [LibreOfficeFact]
    public async Task The_first_page_renders_with_the_VPI_on_it()
    {
        var page = await LibreOffice.FirstPageAsync(OutcomeReport.Build(ReportSamples.Ghana(), English), "outcome-report");
        var blank = await LibreOffice.FirstPageAsync(Docx.Package("", English, "", "", []), "blank");
        var folder = Directory.CreateDirectory(Path.Combine(RepoRoot.Path, "TestResults", "report")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(folder, "outcome-report-page1.png"), page);

        var (width, height) = LibreOffice.Dimensions(page);
        Assert.True(width >= 500 && height > width * 1.3, $"an A4 page in portrait, got {width}×{height}");
        Assert.Equal((width, height), LibreOffice.Dimensions(blank));
        Assert.True(page.Length > 10_000, $"{page.Length} bytes is too small for a page with text");
        Assert.True(page.Length > 3 * blank.Length, $"the page ({page.Length} bytes) is hardly more than an empty one ({blank.Length} bytes)");
    }
}
