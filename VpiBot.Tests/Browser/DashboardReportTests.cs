using VpiBot.Tests.Features.Report;
using static VpiBot.Tests.Browser.DashboardHost;

namespace VpiBot.Tests.Browser;

/// <summary>The dashboard's "Download the outcome report" in chromium: the facilitator's click saves the .docx; nobody else has the button.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardReportTests(DashboardHost host)
{
    [Fact]
    public async Task A_facilitators_click_downloads_the_report_and_nobody_else_sees_the_button()
    {
        await using (var tab = await host.OpenAsync(Facilitator))
        {
            var download = await tab.Page.RunAndWaitForDownloadAsync(() => tab.Locator("#download-report").ClickAsync());
            Assert.Matches(@"^outcome-report-GH-\d{4}-\d{2}-\d{2}\.docx$", download.SuggestedFilename);
            var doc = new ReportDocument(await File.ReadAllBytesAsync((await download.PathAsync())!));
            Assert.True(doc.Errors.Count == 0, string.Join("\n", doc.Errors));
            Assert.Contains("Country: Ghana", doc.Paragraphs);
            Assert.Contains(host.ApiCalls, c => c.Path == $"/api/dashboard/vpis/{host.VpiId}/report-link");
            Assert.Equal("", await tab.Locator(".report-status").InnerTextAsync());
        }
        foreach (var viewer in All.Where(v => v != Facilitator))
        {
            await using var tab = await host.OpenAsync(viewer);
            Assert.Equal(0, await tab.Locator("#download-report").CountAsync());
        }
    }
}
