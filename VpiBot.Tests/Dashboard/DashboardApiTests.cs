using System.Net;
using System.Text.Json.Nodes;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Dashboard.DashboardApiFixture;

namespace VpiBot.Tests.Dashboard;

/// <summary>The dashboard's JSON API: the single sign-on token's checks, who may see which VPI, what they see, ETags.</summary>
public sealed class DashboardApiTests(DashboardApiFixture f) : IClassFixture<DashboardApiFixture>
{
    private const string VpiPath = "/api/dashboard/vpis/" + VpiId;

    private async Task<JsonObject> JsonAsync(string path, VpiBot.Domain.Member who)
    {
        var response = await f.GetAsync(path, f.TokenOf(who));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    // ---- the token

    [Theory]
    [InlineData("/api/dashboard/me")]
    [InlineData(VpiPath)]
    public async Task No_token_is_401(string path)
    {
        var response = await f.GetAsync(path, null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, Func<FakeTokenIssuer, string>> BadTokens => new()
    {
        { "forged: signed by a key Entra does not publish", i => i.EntraToken(Ama.AadObjectId, Tenant, Audience, key: i.UnpublishedKey) },
        { "signed by the Bot Framework's key", i => i.EntraToken(Ama.AadObjectId, Tenant, Audience, key: i.EndorsedKey) },
        { "expired", i => i.EntraToken(Ama.AadObjectId, Tenant, Audience, expires: DateTime.UtcNow.AddMinutes(-5)) },
        { "wrong audience", i => i.EntraToken(Ama.AadObjectId, Tenant, "api://evil.example.org/" + BotApp.AppId) },
        { "another app's id as audience", i => i.EntraToken(Ama.AadObjectId, Tenant, "00000003-0000-0000-c000-000000000000") },
        { "no access_as_user scope", i => i.EntraToken(Ama.AadObjectId, Tenant, Audience, scp: "User.Read") },
        { "issuer of another tenant than its tid", i => i.EntraToken(Ama.AadObjectId, Tenant, Audience, issuer: $"https://login.microsoftonline.com/{OtherTenant}/v2.0") },
        { "v1 issuer", i => i.EntraToken(Ama.AadObjectId, Tenant, Audience, issuer: $"https://sts.windows.net/{Tenant}/") },
        { "no object id", i => i.EntraToken("", Tenant, Audience) },
        { "unsigned", _ => FakeTokenIssuer.UnsignedToken(Audience, "https://x", "entra-key") },
        { "not a JWT", _ => "not-a-token" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_401(string why, Func<FakeTokenIssuer, string> token)
    {
        var response = await f.GetAsync(VpiPath, token(f.Issuer));
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, why);
    }

    [Fact]
    public async Task The_bare_app_id_is_an_accepted_audience_as_Entra_puts_it_in_v2_tokens()
    {
        var response = await f.GetAsync(VpiPath, f.Issuer.EntraToken(Ama.AadObjectId, Tenant, BotApp.AppId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_token_of_another_tenant_is_403_even_for_the_same_object_id()
    {
        var response = await f.GetAsync(VpiPath, f.TokenOf(Ama, OtherTenant));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var me = JsonNode.Parse(await (await f.GetAsync("/api/dashboard/me", f.TokenOf(Ama, OtherTenant))).Content.ReadAsStringAsync())!;
        Assert.Empty(me["vpis"]!.AsArray());
    }

    [Fact]
    public async Task A_member_of_another_VPI_gets_403_and_so_does_an_id_that_does_not_exist()
    {
        var other = await f.GetAsync(VpiPath, f.TokenOf(Otto));
        var missing = await f.GetAsync("/api/dashboard/vpis/no-such-vpi", f.TokenOf(Otto));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode); // the same answer: a non-member cannot tell which ids exist
        Assert.Equal(HttpStatusCode.OK, (await f.GetAsync("/api/dashboard/vpis/" + OtherVpiId, f.TokenOf(Otto))).StatusCode);
    }

    [Fact]
    public async Task Someone_on_no_roster_is_403()
    {
        var stranger = Person("6d000000-0000-4000-8000-000000000006", "Stan Stranger", VpiBot.Domain.VpiRole.Alliance, "X", VpiBot.Domain.OrganisationType.Ngo);
        Assert.Equal(HttpStatusCode.Forbidden, (await f.GetAsync(VpiPath, f.TokenOf(stranger))).StatusCode);
    }

    [Fact]
    public async Task The_dev_token_issuer_is_not_there_in_Production()
    {
        var response = await f.GetAsync($"/dev/token?oid={Ama.AadObjectId}&tid={Tenant}&name=Ama", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    // ---- what a member sees

    [Fact]
    public async Task A_member_gets_the_VPI_with_stages_menu_and_everything_in_the_contract()
    {
        var body = await JsonAsync(VpiPath, Ama);
        var vpi = body["vpi"]!;
        Assert.Equal((VpiId, "GH", "Ghana", "Medium", "Africa/Accra", "Alliance"),
            ((string)vpi["id"]!, (string)vpi["country"]!, (string)vpi["countryName"]!, (string)vpi["level"]!, (string)vpi["timeZone"]!, (string)vpi["role"]!));
        var stages = body["stages"]!.AsArray();
        Assert.Equal(8, stages.Count);
        Assert.Equal((1, true, "2026-03-02"), ((int)stages[0]!["number"]!, (bool)stages[0]!["done"]!, (string)stages[0]!["date"]!));
        Assert.False(string.IsNullOrWhiteSpace((string)stages[0]!["name"]!));
        Assert.Null(stages[2]!["date"]);
        Assert.Equal(3, (int)body["next"]!);
        Assert.Contains(body["menu"]!.AsArray(), m => (string)m!["id"]! == "TaskForceGroups" && (string)m["level"]! == "Medium" && !(bool)m["done"]!);

        var tasks = body["tasks"]!.AsArray();
        var overdue = tasks.Single(t => (int)t!["number"]! == 1)!;
        Assert.True((bool)overdue["overdue"]!);
        Assert.Equal("Joint", (string)overdue["lead"]!);
        Assert.Equal(["Ama Alliance"], overdue["owners"]!.AsArray().Select(o => (string)o!));

        var meeting = body["meetings"]!.AsArray().Single()!;
        Assert.Equal(("TaskForce", "Booked"), ((string)meeting["kind"]!, (string)meeting["status"]!));
        Assert.EndsWith("Z", (string)meeting["start"]!);
        Assert.Equal((2, 1, 0, 1), ((int)meeting["replies"]!["accepted"]!, (int)meeting["replies"]!["tentative"]!, (int)meeting["replies"]!["declined"]!, (int)meeting["replies"]!["none"]!));
        Assert.Equal((1, 1), ((int)meeting["attendanceByType"]!["Government"]!, (int)meeting["attendanceByType"]!["External"]!));

        var members = body["members"]!.AsArray();
        Assert.Equal(4, members.Count);
        Assert.Contains(members, m => (string)m!["name"]! == "Kofi Scholar" && (string)m["organisationType"]! == "Academia" && (string)m["role"]! == "Alliance");
    }

    [Fact]
    public async Task Ballots_show_counts_only_and_a_tally_only_where_the_ballot_shows_one()
    {
        foreach (var who in new[] { Fay, Rita, Ama })
        {
            var ballots = (await JsonAsync(VpiPath, who))["ballots"]!.AsArray().ToDictionary(b => (int)b!["number"]!);
            // anonymous and open: turnout per side, no tally for anyone (not even the facilitator)
            Assert.Null(ballots[1]!["results"]);
            Assert.Contains(ballots[1]!["turnout"]!.AsArray(), t => (string)t!["side"]! == "CivilSociety" && (int)t["voted"]! == 1 && (int)t["electorate"]! == 2);
            // open with its tally shown: the running count, no verdict yet
            var running = ballots[2]!["results"]!.AsArray().Single()!;
            Assert.Null(running["adopted"]);
            Assert.Contains(running["sides"]!.AsArray(), s => (string)s!["side"]! == "Government" && (int)s["yes"]! == 1);
            // closed: the result
            var result = ballots[3]!["results"]!.AsArray().Single()!;
            Assert.Equal(("Publish statistics", true), ((string)result["title"]!, (bool)result["adopted"]!));
        }
    }

    [Fact]
    public async Task Nothing_in_an_answer_names_an_id_an_address_a_link_a_secret_or_someones_vote()
    {
        foreach (var who in new[] { Fay, Rita, Ama, Kofi })
        {
            foreach (var path in new[] { VpiPath, "/api/dashboard/me" })
            {
                var text = await (await f.GetAsync(path, f.TokenOf(who))).Content.ReadAsStringAsync();
                foreach (var m in new[] { Fay, Rita, Ama, Kofi })
                {
                    Assert.DoesNotContain(m.AadObjectId, text, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain(m.Email!, text, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain(m.TeamsId, text, StringComparison.OrdinalIgnoreCase);
                }
                foreach (var secret in new[] { JoinUrl, DashboardApiFixture.EventId, Organizer, "guest@partner.example.org", "Secret agenda", "Ama's secret reason", Tenant, "Description of" })
                {
                    Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
                }
            }
        }
    }

    /// <summary>
    /// Per role, the answers differ only where the cards differ: the caller's role, the drafts (each author's own), and
    /// whether a task is the caller's own. Everything else is field for field the same for the facilitator, a reviewer
    /// and an alliance member.
    /// </summary>
    [Fact]
    public async Task Facilitator_reviewer_and_alliance_member_see_the_same_but_their_own_drafts_and_tasks()
    {
        var fay = await JsonAsync(VpiPath, Fay);
        var rita = await JsonAsync(VpiPath, Rita);
        var ama = await JsonAsync(VpiPath, Ama);
        var kofi = await JsonAsync(VpiPath, Kofi);

        string[] Titles(JsonObject body) => [.. body["priorities"]!.AsArray().Select(p => (string)p!["title"]!)];
        Assert.DoesNotContain(Titles(fay), t => t.Contains("draft", StringComparison.Ordinal));
        Assert.DoesNotContain(Titles(rita), t => t.Contains("draft", StringComparison.Ordinal));
        Assert.Contains("Ama's draft on shelters", Titles(ama));
        Assert.DoesNotContain("Kofi's draft on data", Titles(ama));
        Assert.Contains("Kofi's draft on data", Titles(kofi));
        Assert.DoesNotContain("Ama's draft on shelters", Titles(kofi));

        bool[] Mine(JsonObject body) => [.. body["tasks"]!.AsArray().OrderBy(t => (int)t!["number"]!).Select(t => (bool)t!["mine"]!)];
        Assert.Equal([false, false], Mine(fay));
        Assert.Equal([false, true], Mine(rita));
        Assert.Equal([true, false], Mine(ama));

        Assert.Equal(("Facilitator", "ReviewTeam"), ((string)fay["vpi"]!["role"]!, (string)rita["vpi"]!["role"]!));

        static string Common(JsonObject body)
        {
            var copy = body.DeepClone().AsObject();
            copy["vpi"]!.AsObject().Remove("role");
            copy["priorities"] = new JsonArray(copy["priorities"]!.AsArray().Where(p => (string)p!["status"]! != "Draft").Select(p => p!.DeepClone()).ToArray());
            foreach (var t in copy["tasks"]!.AsArray())
            {
                t!.AsObject().Remove("mine");
            }
            return copy.ToJsonString();
        }
        Assert.Equal(Common(fay), Common(rita));
        Assert.Equal(Common(fay), Common(ama));
        Assert.Equal(Common(fay), Common(kofi));
    }

    [Fact]
    public async Task Me_lists_what_waits_for_each_person()
    {
        var rita = (await JsonAsync("/api/dashboard/me", Rita))["vpis"]!.AsArray().Single()!;
        Assert.Equal((VpiId, "Ghana", "ReviewTeam"), ((string)rita["id"]!, (string)rita["countryName"]!, (string)rita["role"]!));
        Assert.Equal((2, 3), ((int)rita["stage"]!["done"]!, (int)rita["stage"]!["next"]!));
        Assert.False(string.IsNullOrEmpty((string)rita["stage"]!["nextName"]!));
        var waiting = rita["waiting"]!;
        Assert.Equal(["Victim support under review"], waiting["reviews"]!.AsArray().Select(r => (string)r!["title"]!));
        Assert.Equal([1], waiting["votes"]!.AsArray().Select(v => (int)v!["number"]!)); // she voted on 2
        Assert.Equal([2], waiting["tasks"]!.AsArray().Select(t => (int)t!["number"]!));
        Assert.Single(waiting["meetings"]!.AsArray());

        var ama = await JsonAsync("/api/dashboard/me", Ama);
        Assert.Equal("Ama Alliance", (string)ama["user"]!["name"]!);
        var amaWaiting = ama["vpis"]!.AsArray().Single()!["waiting"]!;
        Assert.Empty(amaWaiting["reviews"]!.AsArray());
        Assert.Equal([2], amaWaiting["votes"]!.AsArray().Select(v => (int)v!["number"]!)); // she voted on 1
        var task = amaWaiting["tasks"]!.AsArray().Single()!;
        Assert.True((bool)task["overdue"]!);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", (string)task["due"]!);

        var otto = (await JsonAsync("/api/dashboard/me", Otto))["vpis"]!.AsArray();
        Assert.Equal([OtherVpiId], otto.Select(v => (string)v!["id"]!));
    }

    [Fact]
    public async Task A_repeated_request_with_the_ETag_is_304_without_a_body()
    {
        var first = await f.GetAsync(VpiPath, f.TokenOf(Ama));
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag!.IsWeak);
        Assert.True(first.Headers.CacheControl is { Private: true, NoCache: true });

        var again = await f.GetAsync(VpiPath, f.TokenOf(Ama), etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.Headers.ETag);

        // another person's answer differs (their drafts, their tasks): their ETag too
        var fay = await f.GetAsync(VpiPath, f.TokenOf(Fay), etag.Tag);
        Assert.Equal(HttpStatusCode.OK, fay.StatusCode);
        Assert.NotEqual(etag, fay.Headers.ETag);

        // a stale ETag gets the body
        Assert.Equal(HttpStatusCode.OK, (await f.GetAsync(VpiPath, f.TokenOf(Ama), "\"stale\"")).StatusCode);
        // and without a valid token, an ETag gets nothing
        Assert.Equal(HttpStatusCode.Unauthorized, (await f.GetAsync(VpiPath, null, etag.Tag)).StatusCode);
    }
}

/// <summary>The dev token issuer: in Development only, its tokens let a developer open the dashboard outside Teams.</summary>
public sealed class DashboardDevTokenTests
{
    [Fact]
    public async Task In_Development_a_dev_token_opens_the_API_and_forged_ones_still_do_not()
    {
        await using var issuer = new FakeTokenIssuer();
        await issuer.StartAsync();
        await using var app = new BotApp(new() { ["Dashboard:MetadataUrl"] = issuer.EntraMetadataUrl }, environment: "Development");
        using var client = app.CreateClient();
        var minted = JsonNode.Parse(await client.GetStringAsync($"/dev/token?oid={Ama.AadObjectId}&tid={Tenant}&name=Ama"))!;
        var token = (string)minted["accessToken"]!;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard/me");
        request.Headers.Authorization = new("Bearer", token);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["vpis"]!.AsArray());

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard/me");
        forged.Headers.Authorization = new("Bearer", issuer.EntraToken(Ama.AadObjectId, Tenant, "api://localhost/vpibot-dev", key: issuer.UnpublishedKey));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/dev/token?oid=x&tid=y")).StatusCode);

        // the Agents Playground's user (GUID-like ids, one digit longer) can open it too
        var playground = JsonNode.Parse(await client.GetStringAsync("/dev/token?oid=00000000-0000-0000-0000-0000000000020&tid=00000000-0000-0000-0000-0000000000001"))!;
        using var asPlayground = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard/me");
        asPlayground.Headers.Authorization = new("Bearer", (string)playground["accessToken"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(asPlayground)).StatusCode);
    }
}

/// <summary>An answer kept for its rows' versions is never served after one of them changed.</summary>
public sealed class DashboardFreshnessTests(DashboardApiFixture f) : IClassFixture<DashboardApiFixture>
{
    private const string VpiPath = "/api/dashboard/vpis/" + VpiId;

    private async Task<(string ETag, JsonNode Body)> GetAsync(VpiBot.Domain.Member who)
    {
        var response = await f.GetAsync(VpiPath, f.TokenOf(who));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.ETag!.Tag, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Every_kind_of_change_gives_a_new_answer_and_ETag()
    {
        var services = f.App.Services;
        var (etag, body) = await GetAsync(Ama);
        Assert.Equal(etag, (await GetAsync(Ama)).ETag); // nothing changed: the same

        async Task Changed(string what, Func<JsonNode, bool> shows)
        {
            var (next, nextBody) = await GetAsync(Ama);
            Assert.True(next != etag, what + ": same ETag");
            Assert.True(shows(nextBody), what + ": not in the answer");
            etag = next;
        }

        var tasks = services.GetRequiredService<VpiBot.Storage.TaskStore>();
        var task = (await tasks.GetAsync(VpiId, 2, default))!;
        await tasks.SaveAsync(VpiId, task, task.Item with { Progress = 77, Revision = task.Item.Revision + 1 }, [], default);
        await Changed("a task's progress", b => b["tasks"]!.AsArray().Any(t => (int)t!["progress"]! == 77));

        var ballots = services.GetRequiredService<VpiBot.Storage.BallotStore>();
        var hidden = (await ballots.GetAsync(VpiId, 1, default))!.Item;
        await ballots.CastAsync(VpiId, hidden, hidden.VoterOf(Kofi.AadObjectId)!, [new VpiBot.Domain.BallotChoice(1, VpiBot.Domain.Stance.Agree)], DateTimeOffset.UtcNow, [], default);
        await Changed("a vote on a ballot with its tally hidden (its turnout)", b =>
            b["ballots"]!.AsArray().Single(x => (int)x!["number"]! == 1)!["turnout"]!.AsArray().Any(t => (string)t!["side"]! == "CivilSociety" && (int)t["voted"]! == 2));

        var priorities = services.GetRequiredService<VpiBot.Storage.PriorityStore>();
        var draft = (await priorities.GetAsync(VpiId, 1, default))!;
        await priorities.SaveAsync(VpiId, draft, draft.Priority with { Text = draft.Priority.Text with { Title = "Ama's renamed draft" }, Revision = 2 }, default);
        await Changed("a priority's title", b => b["priorities"]!.AsArray().Any(p => (string)p!["title"]! == "Ama's renamed draft"));

        var vpis = services.GetRequiredService<VpiBot.Storage.VpiStore>();
        await vpis.AddNewMemberAsync(VpiId, Person("7e000000-0000-4000-8000-000000000007", "Nana New", VpiBot.Domain.VpiRole.Alliance, "New NGO", VpiBot.Domain.OrganisationType.Ngo), default);
        await Changed("a new member", b => b["members"]!.AsArray().Any(m => (string)m!["name"]! == "Nana New"));

        var current = (await vpis.GetAsync(VpiId, default))!;
        var stages = new Dictionary<VpiBot.Domain.VpiStage, DateOnly>(current.Vpi.CompletedStages) { [VpiBot.Domain.VpiStage.StakeholderScoping] = new(2026, 5, 1) };
        await vpis.UpdateAsync(current, current.Vpi with { CompletedStages = stages }, default);
        await Changed("a stage done", b => (int)b["next"]! == 4);

        // another person's answer is their own
        var fay = await GetAsync(Fay);
        Assert.DoesNotContain(fay.Body["priorities"]!.AsArray(), p => (string)p!["status"]! == "Draft");
    }
}
