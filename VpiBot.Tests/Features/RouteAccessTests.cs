using System.Reflection;
using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Protocol.Routing;
using VpiBot.Resources;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features;

/// <summary>
/// Every route of the bot, read from its route table, tried by every person its declared access does not allow and
/// with card data that is not its card's: each gets a polite refusal and the VPI's stored rows stay byte for byte the same.
/// A new command or card verb is covered here the moment it is declared.
/// </summary>
public sealed class RouteAccessTests : BotTest
{
    private static readonly User Eve = new("29:1eve-teams-id", "a1b2c3d4-0000-4000-8000-000000000005", "Eve Boateng"); // in the team, not on the roster

    /// <summary>Who is who on the roster: Alice facilitator, Bob review team, Chioma alliance; Eve is not a member.</summary>
    private static readonly (User User, VpiRole? Role)[] People =
        [(Alice, VpiRole.Facilitator), (Bob, VpiRole.ReviewTeam), (Chioma, VpiRole.Alliance), (Eve, null)];

    private static readonly Dictionary<string, Access> AccessByName = new[]
        { Access.Anyone, Access.Viewer, Access.Member, Access.Facilitator, Access.ReviewTeam, Access.PriorityAuthors }.ToDictionary(a => a.Name);

    private string _vpiId = "";

    protected override IEnumerable<User> TeamMembers => [Alice, Bob, Chioma, Eve];
    protected override BotApp CreateApp() => new(new() { ["Vpi:Facilitators:0"] = Alice.AadObjectId });

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _vpiId = await Channel.SetUpVpi();
        await Channel.AddMember(_vpiId, Bob, "ReviewTeam", "Ministry of Justice", "Government");
        await Channel.AddMember(_vpiId, Chioma, "Alliance", "Ghana Anti-Trafficking Coalition", "Ngo");
    }

    private RouteTable Routes => App.Services.GetRequiredService<RouteTable>();

    /// <summary>Every row of the VPI's partition, as stored.</summary>
    private async Task<string> StoredVpiAsync()
    {
        var table = Channel.App.Services.GetRequiredService<ITableStore>();
        var page = await table.QueryAsync("vpi|" + _vpiId, null, TableLimits.MaxPageSize, null, default);
        return string.Join("\n", page.Rows.Select(r => $"{r.RowKey} {r.ETag} {r.Data}"));
    }

    private static string Refusal(Refusal refusal) => Text.Get($"Refusal.{refusal}", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Data a card of this verb could carry: every required property with a plausible value, for this VPI.</summary>
    private JsonObject PlausibleData(Type dataType)
    {
        var data = new JsonObject();
        foreach (var p in dataType.GetConstructors().Single().GetParameters().Where(p => !p.HasDefaultValue))
        {
            var name = char.ToLowerInvariant(p.Name![0]) + p.Name[1..];
            data[name] = p.ParameterType switch
            {
                var t when t == typeof(string) && name == "vpiId" => _vpiId,
                var t when t == typeof(string) => "x",
                var t when t == typeof(int) => 1,
                var t when t.IsEnum => Enum.GetNames(t)[0],
                var t => throw new NotSupportedException($"{dataType.Name}.{p.Name}: {t.Name}"),
            };
        }
        return data;
    }

    [Fact]
    public async Task Every_command_and_card_verb_refuses_those_its_access_excludes_and_changes_nothing()
    {
        var tried = 0;
        var before = await StoredVpiAsync();
        foreach (var (user, role) in People)
        {
            var member = role is { } r ? new Member(user.AadObjectId, user.Id, user.Name, null, r, "Org", OrganisationType.Ngo, "", default) : null;
            foreach (var command in Routes.Commands.Where(c => AccessByName[c.Access].NeedsVpi))
            {
                if (AccessByName[command.Access].Check(member) is not { } expected)
                {
                    continue;
                }
                var answer = await Channel.Say(command.Name, user);
                Assert.Equal(Refusal(expected), answer["text"]?.GetValue<string>());
                tried++;
            }
            foreach (var card in Routes.Cards.Values.Where(c => AccessByName[c.Access].NeedsVpi))
            {
                if (AccessByName[card.Access].Check(member) is not { } expected)
                {
                    continue;
                }
                var (shown, message) = await Channel.Click(card.Verb, PlausibleData(card.DataType), user);
                Assert.True(shown is null, $"{card.Verb} by {user.Name} showed a card");
                Assert.Equal(Refusal(expected), message);
                tried++;
            }
        }
        Assert.True(tried >= 15, $"only {tried} refusals tried");
        Assert.Equal(before, await StoredVpiAsync());
    }

    [Fact]
    public async Task Every_card_verb_refuses_data_that_is_not_its_cards_in_one_place()
    {
        var before = await StoredVpiAsync();
        foreach (var card in Routes.Cards.Values)
        {
            var plausible = PlausibleData(card.DataType);
            var extra = (JsonObject)plausible.DeepClone();
            extra["isFacilitator"] = true;
            var unfit = new List<JsonObject> { extra };
            foreach (var (key, value) in plausible)
            {
                var missing = (JsonObject)plausible.DeepClone();
                missing.Remove(key);
                unfit.Add(missing);
                var wrongType = (JsonObject)plausible.DeepClone();
                wrongType[key] = value!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? "1" : new JsonArray();
                unfit.Add(wrongType);
            }
            foreach (var data in unfit)
            {
                // as Teams sends an Action.Execute: an error answer, which Teams shows to the person who clicked
                var (_, answer) = await Channel.Send(Channel.Teams.CardExecute(card.Verb, data, "card-1", Alice, inChannel: true));
                Assert.Equal(400, answer!["statusCode"]!.GetValue<int>());
                Assert.Equal("application/vnd.microsoft.error", answer["type"]!.GetValue<string>());
                Assert.Contains("not one I can read", answer["value"]!["message"]!.GetValue<string>());
            }
            // as an Action.Submit: a message saying so
            var submit = (JsonObject)extra.DeepClone();
            submit["verb"] = card.Verb;
            var (sent, _) = await Channel.Send(Channel.Teams.CardSubmit(submit, "card-1"));
            Assert.Contains("not one I can read", Assert.Single(sent).Text);
        }
        Assert.Equal(before, await StoredVpiAsync());
    }

    /// <summary>Who may do what, as the concept note's roles say: loosening any of these must be a deliberate change here.</summary>
    [Fact]
    public void The_declared_access_of_every_route_is_the_one_agreed()
    {
        var agreed = new Dictionary<string, string>
        {
            ["help"] = "Anyone", ["vpi.command"] = "Anyone", ["setup"] = "Anyone", ["vpi.setup"] = "Anyone",
            ["time zone"] = "Facilitator", ["vpi.timezone"] = "Facilitator", ["vpi.language"] = "Facilitator",
            ["members"] = "Viewer", ["add member"] = "Facilitator", ["vpi.member.add"] = "Facilitator",
            ["remove member"] = "Facilitator", ["vpi.member.remove"] = "Facilitator",
            ["vpi.member.remove.confirm"] = "Facilitator",
            ["edit member"] = "Facilitator", ["vpi.member.pick"] = "Facilitator", ["vpi.member.edit"] = "Facilitator",
            ["stage"] = "Viewer", ["vpi.stage.complete"] = "Facilitator", ["vpi.stage.undo"] = "Facilitator", ["menu"] = "Viewer", ["vpi.menu.save"] = "Facilitator",
            ["submit priority"] = "PriorityAuthors", ["priority.save"] = "PriorityAuthors",
            ["priorities"] = "Viewer", ["priority.list"] = "Viewer", ["priority"] = "Viewer",
            ["priority.decisions"] = "Viewer", ["priority.open"] = "Viewer", ["priority.edit"] = "Member", ["priority.withdraw"] = "Member",
            ["send priorities"] = "Facilitator", ["priority.view"] = "Viewer", ["priority.decide"] = "ReviewTeam",
            ["outbox"] = "Facilitator",
            ["open vote"] = "Facilitator", ["ballot.open"] = "Facilitator", ["votes"] = "Viewer", ["ballot.view"] = "Viewer",
            ["ballot.vote"] = "Member", ["close vote"] = "Facilitator", ["who hasn't voted"] = "Facilitator",
            ["propose recommendation"] = "Member", ["recommendation.save"] = "Member",
            ["recommendations"] = "Viewer", ["recommendation.list"] = "Viewer", ["recommendation"] = "Viewer", ["recommendation.open"] = "Viewer",
            ["recommendation.edit"] = "Member", ["recommendation.withdraw"] = "Member",
            ["add task"] = "Facilitator", ["task.add"] = "Facilitator", ["task.addfor"] = "Facilitator",
            ["roadmap"] = "Viewer", ["task.roadmap"] = "Viewer", ["task"] = "Viewer", ["task.view"] = "Viewer", ["task.log"] = "Viewer",
            ["task.update"] = "Member", ["my tasks"] = "Member", ["task.mine"] = "Member", ["overdue"] = "Viewer", ["task.overdue"] = "Viewer",
            ["report"] = "Facilitator",
            ["schedule meeting"] = "Facilitator", ["meeting.kind"] = "Facilitator", ["meeting.find"] = "Facilitator", ["meeting.more"] = "Facilitator",
            ["meeting.book"] = "Facilitator", ["meeting.cancel"] = "Facilitator",
            ["meetings"] = "Viewer", ["meeting.list"] = "Viewer", ["meeting"] = "Viewer", ["meeting.view"] = "Viewer",
            ["next meeting"] = "Viewer", ["status"] = "Viewer", ["my work"] = "Member", ["due"] = "Viewer", ["task.due"] = "Viewer",
            ["who represents"] = "Viewer", ["question.ask"] = "Anyone", ["question.invpi"] = "Anyone",
            ["open consultation"] = "Facilitator", ["consultation.open"] = "Facilitator", ["consultations"] = "Member", ["consultation.list"] = "Member",
            ["consultation"] = "Member", ["consultation.view"] = "Member", ["consultation.save"] = "Member",
            ["close consultation"] = "Facilitator", ["consultation.close"] = "Facilitator",
            ["register organisation"] = "Member", ["alliance.save"] = "Member", ["alliance.edit"] = "Member", ["alliance.consent"] = "Member",
            ["organisation"] = "Viewer", ["alliance.view"] = "Viewer", ["alliance"] = "Viewer", ["alliance.list"] = "Viewer",
            ["whatson export"] = "Facilitator",
        };
        var declared = Routes.Commands.Select(c => (c.Name, c.Access)).Concat(Routes.Cards.Values.Select(c => (Name: c.Verb, c.Access)))
            .ToDictionary(r => r.Name, r => r.Access);
        Assert.Equal(agreed.OrderBy(p => p.Key), declared.OrderBy(p => p.Key));
    }

    [Fact]
    public void Every_card_data_record_has_a_route_that_reads_it()
    {
        // a record a card can write but no route reads would answer every click with "an older version of this card"
        var records = typeof(ICardData).Assembly.GetTypes().Where(t => t.IsClass && typeof(ICardData).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            var verb = (string)record.GetProperty(nameof(ICardData.Verb), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            Assert.True(Routes.Cards.TryGetValue(verb, out var route), $"{record.Name} ({verb}) has no route");
            Assert.Equal(record, route.DataType);
        }
        Assert.Equal(records.Count, Routes.Cards.Count);
    }
}
