using System.Net;
using System.Text.Json.Nodes;
using VpiBot.Features.Report;
using VpiBot.Tests.Features.Report;
using static VpiBot.Tests.Dashboard.DashboardApiFixture;

namespace VpiBot.Tests.Dashboard;

/// <summary>
/// The dashboard's "Download the outcome report": <c>POST /api/dashboard/vpis/{id}/report-link</c> gives a facilitator
/// of the VPI a signed link of a few minutes, and nobody else one.
/// </summary>
public sealed class DashboardReportLinkTests(DashboardApiFixture f) : IClassFixture<DashboardApiFixture>
{
    private const string LinkPath = "/api/dashboard/vpis/" + VpiId + "/report-link";

    [Fact]
    public async Task A_facilitator_gets_a_link_that_downloads_the_VPIs_report()
    {
        var response = await f.PostAsync(LinkPath, f.TokenOf(Fay));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var url = new Uri(body["url"]!.GetValue<string>());
        var expires = body["expiresAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddMinutes(5), DateTimeOffset.UtcNow.AddMinutes(11));
        Assert.StartsWith("/downloads/" + VpiId + "/report?", url.PathAndQuery, StringComparison.Ordinal);

        var file = await f.GetAnonymousAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(OutcomeReport.ContentType, file.Content.Headers.ContentType?.MediaType);
        var doc = new ReportDocument(await file.Content.ReadAsByteArrayAsync());
        Assert.True(doc.Errors.Count == 0, string.Join("\n", doc.Errors));
        Assert.Contains("Country: Ghana", doc.Paragraphs);
        Assert.Contains(doc.Tables, t => t[0].Contains("Task") && t.Skip(1).Any(r => r[0].Contains("Draft the shelter budget", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_report_is_in_the_language_the_page_asks_for()
    {
        var asked = JsonNode.Parse(await (await f.PostAsync(LinkPath + "?lang=fr-FR", f.TokenOf(Fay))).Content.ReadAsStringAsync())!;
        Assert.Contains("lang=fr-FR", asked["url"]!.GetValue<string>());
        var browser = JsonNode.Parse(await (await f.PostAsync(LinkPath, f.TokenOf(Fay), "es-ES;q=0.5, fr-CA")).Content.ReadAsStringAsync())!;
        Assert.Contains("lang=fr-CA", browser["url"]!.GetValue<string>());
    }

    public static TheoryData<string> NotFacilitatorsHere => new() { nameof(Rita), nameof(Ama), nameof(Otto) };

    [Theory]
    [MemberData(nameof(NotFacilitatorsHere))]
    public async Task A_reviewer_an_alliance_member_or_another_VPIs_facilitator_gets_403(string who)
    {
        var member = who switch { nameof(Rita) => Rita, nameof(Ama) => Ama, _ => Otto };
        var response = await f.PostAsync(LinkPath, f.TokenOf(member));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("/downloads/", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task No_token_is_401_and_a_token_of_another_tenant_403()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await f.PostAsync(LinkPath, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await f.PostAsync(LinkPath, f.TokenOf(Fay, OtherTenant))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await f.PostAsync("/api/dashboard/vpis/no-such-vpi/report-link", f.TokenOf(Fay))).StatusCode);
    }
}
