using System.Globalization;
using System.Net;
using System.Text;
using VpiBot.Domain;
using VpiBot.Features.Downloads;
using VpiBot.Tests.Features.Ballots;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features.Downloads;

/// <summary>
/// The signed download links, end to end through the real app in Ghana's VPI: a link works for the person and VPI it
/// was made for, for its minutes, and for nobody and nothing else; access is checked again when it is used.
/// </summary>
public sealed class DownloadLinkTests : BallotTestBed, IAsyncLifetime
{
    private readonly RunningFakeClock _clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private const string SigningKey = "dGhpcy1pcy1hLXRlc3Qta2V5LW9mLTMyLWJ5dGVzLWxvbmchIQ=="; // 36 bytes

    /// <summary>A document for facilitators, and one for any member, that say whose and which VPI's they are.</summary>
    private sealed class Minutes : Download
    {
        public override string Kind => "minutes";
        public override Task<DownloadFile> BuildAsync(Vpi vpi, Member caller, CultureInfo culture, CancellationToken ct) =>
            Task.FromResult(new DownloadFile("minutes – Ghana.txt", "text/plain", Encoding.UTF8.GetBytes($"{vpi.Country} for {caller.Name}")));
    }

    private sealed class Agenda : Download
    {
        public override string Kind => "agenda";
        public override Access Access => Access.Member;
        public override Task<DownloadFile> BuildAsync(Vpi vpi, Member caller, CultureInfo culture, CancellationToken ct) =>
            Task.FromResult(new DownloadFile("agenda.txt", "text/plain", Encoding.UTF8.GetBytes("agenda for " + caller.Name)));
    }

    private string _sqlite = TempSqlite.NewPath();

    private BotApp Instance(string key = SigningKey) => new(new()
    {
        ["Vpi:Facilitators:0"] = Alice.AadObjectId, ["Downloads:PublicUrl"] = "http://localhost", ["Downloads:SigningKey"] = key,
        ["Storage:Sqlite:Path"] = _sqlite,
    }, services: s => s.AddSingleton<TimeProvider>(_clock).AddDownload<Minutes>().AddDownload<Agenda>());

    protected override BotApp CreateApp() => Instance();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await SetUp();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _clock.DisposeAsync();
    }

    private DownloadLink Link(User who, string kind = "minutes", BotApp? by = null) =>
        (by ?? App).Services.GetRequiredService<DownloadLinks>().Create(VpiId, who.AadObjectId, kind, CultureInfo.GetCultureInfo("en-GB"));

    private static Task<HttpResponseMessage> Get(BotApp app, string pathAndQuery) => app.CreateClient().GetAsync(pathAndQuery);

    private Task<HttpResponseMessage> Get(DownloadLink link) => Get(App, link.Url.PathAndQuery);

    private static async Task AssertRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        // the refusal in the language the link names (an altered "lang" gets it in that language)
        var language = System.Web.HttpUtility.ParseQueryString(response.RequestMessage!.RequestUri!.Query)["lang"];
        Assert.Equal(VpiBot.Resources.Text.Get("Download.Refused", VpiBot.Resources.Text.Culture(language)), await response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_person_it_was_made_for_downloads_the_document_of_their_VPI_as_an_attachment()
    {
        var link = Link(Alice);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds(), link.ExpiresAt.ToUnixTimeSeconds());
        var response = await Get(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("GH for Alice Mensah", await response.Content.ReadAsStringAsync());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("minutes – Ghana.txt", response.Content.Headers.ContentDisposition?.FileNameStar); // a non-ASCII name survives
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_link_stops_working_when_its_minutes_are_up()
    {
        var link = Link(Alice);
        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(HttpStatusCode.OK, (await Get(link)).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(1.1));
        await AssertRefused(await Get(link));
    }

    [Theory]
    [InlineData("for")]
    [InlineData("until")]
    [InlineData("lang")]
    [InlineData("sig")]
    [InlineData("kind")]
    [InlineData("vpi")]
    public async Task Any_change_to_a_link_makes_it_refused(string part)
    {
        var link = Link(Alice);
        var url = link.Url.PathAndQuery;
        var query = System.Web.HttpUtility.ParseQueryString(link.Url.Query);
        var altered = part switch
        {
            "for" => url.Replace(Uri.EscapeDataString(Alice.AadObjectId), Uri.EscapeDataString(Bob.AadObjectId)),
            "until" => url.Replace("until=" + query["until"], "until=" + (long.Parse(query["until"]!, CultureInfo.InvariantCulture) + 3600)),
            "lang" => url.Replace("lang=en-GB", "lang=fr-FR"),
            "sig" => url.Replace("sig=" + query["sig"], "sig=" + (query["sig"]![0] == 'A' ? 'B' : 'A') + query["sig"]![1..]),
            "kind" => url.Replace("/minutes?", "/agenda?"),
            _ => url.Replace(VpiId, "another-vpi"),
        };
        Assert.NotEqual(url, altered);
        await AssertRefused(await Get(App, altered));
    }

    [Fact]
    public async Task A_link_made_for_another_VPI_does_not_open_this_one()
    {
        // Kenya's facilitator got a link for Kenya; presented with Ghana's id it is refused (the signature binds the VPI)
        var kenyas = App.Services.GetRequiredService<DownloadLinks>().Create("kenya-vpi", Alice.AadObjectId, "minutes", CultureInfo.InvariantCulture);
        await AssertRefused(await Get(App, kenyas.Url.PathAndQuery));
        await AssertRefused(await Get(App, kenyas.Url.PathAndQuery.Replace("kenya-vpi", VpiId)));
    }

    [Fact]
    public async Task Access_is_checked_again_when_the_link_is_used()
    {
        // a link for a facilitators' document made for Bob (review team) — as if he had lost the role since — is refused
        await AssertRefused(await Get(Link(Bob)));
        // the members' document: Bob may; someone not on the roster may not, signed link or not
        Assert.Equal("agenda for Bob Owusu", await (await Get(Link(Bob, "agenda"))).Content.ReadAsStringAsync());
        await AssertRefused(await Get(Link(new User("29:1eve", "a1b2c3d4-0000-4000-8000-0000000000ee", "Eve"), "agenda")));
    }

    [Fact]
    public async Task Instances_sharing_the_signing_key_honour_each_others_links_and_others_do_not()
    {
        await using var second = Instance();
        await using var stranger = Instance("YW5vdGhlci1rZXktb2YtYXQtbGVhc3QtMzItYnl0ZXMtbG9uZyEh");
        var link = Link(Alice);
        Assert.Equal(HttpStatusCode.OK, (await Get(second, link.Url.PathAndQuery)).StatusCode);
        await AssertRefused(await Get(stranger, link.Url.PathAndQuery));
    }

    [Fact]
    public void A_signing_key_shorter_than_32_bytes_stops_the_app_at_start()
    {
        using var app = Instance(Convert.ToBase64String(new byte[16]));
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Downloads:SigningKey must be base64 of at least 32 bytes", error.ToString());
    }

    [Fact]
    public void The_download_card_has_a_button_per_file_and_says_until_when_the_links_work_in_the_viewers_own_time()
    {
        var card = VpiChannel.Valid(VpiBot.Features.Downloads.Cards.DownloadCard.Build("Outcome report", "The report as it stands today.",
            [("Download (.csv)", Link(Alice)), ("Download (.xlsx)", Link(Alice, "agenda"))], CultureInfo.GetCultureInfo("en-GB")));
        var buttons = card["actions"]!.AsArray();
        Assert.Equal(["Download (.csv)", "Download (.xlsx)"], buttons.Select(b => b!["title"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.Equal("Action.OpenUrl", b!["type"]!.GetValue<string>()));
        Assert.Contains("/downloads/" + VpiId + "/agenda?", buttons[1]!["url"]!.GetValue<string>());
        Assert.Contains("{{TIME(2026-11-28T09:", CardReading.Visible(card));
    }
}
