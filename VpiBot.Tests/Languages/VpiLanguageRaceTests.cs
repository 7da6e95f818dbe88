using System.Text.Json.Nodes;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Notifications;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Languages;

/// <summary>A facilitator saves the VPI's language while another change to the VPI lands first: neither is lost.</summary>
public sealed class VpiLanguageRaceTests : BotTest
{
    private readonly string _path = TempSqlite.NewPath();
    private ChangeFirst? _table;

    protected override IEnumerable<User> TeamMembers => [Alice, Bob];
    protected override BotApp CreateApp() => new(new() { ["Vpi:Facilitators:0"] = Alice.AadObjectId },
        services: s => s.AddSingleton<ITableStore>(_ => _table = new ChangeFirst(new SqliteTableStore(_path))));

    /// <summary>Before the next write of a VPI row with a language in it, another writer changes the VPI (its time zone).</summary>
    private sealed class ChangeFirst(ITableStore inner) : DelegatingTable(inner)
    {
        public bool Armed { get; set; }

        public override async Task<StoredRow> ReplaceAsync(string partitionKey, string rowKey, string data, string ifMatch, CancellationToken ct)
        {
            if (Armed && rowKey == "vpi" && data.Contains("\"language\":\"fr\"", StringComparison.Ordinal))
            {
                Armed = false;
                var now = (await base.GetAsync(partitionKey, rowKey, ct))!;
                var changed = JsonNode.Parse(now.Data)!;
                changed["timeZone"] = "Etc/UTC";
                await base.ReplaceAsync(partitionKey, rowKey, changed.ToJsonString(), now.ETag, ct);
            }
            return await base.ReplaceAsync(partitionKey, rowKey, data, ifMatch, ct);
        }
    }

    [Fact]
    public async Task The_language_is_saved_on_the_VPI_as_it_now_is_and_the_other_change_stays()
    {
        var vpiId = await Channel.SetUpVpi();
        var store = App.Services.GetRequiredService<VpiStore>();
        var read = (await store.GetAsync(vpiId, default))!;
        await store.UpdateAsync(read, read.Vpi with { Language = null }, default);

        _table!.Armed = true;
        var (saved, _) = await Channel.Click("vpi.language", new JsonObject { ["vpiId"] = vpiId, ["language"] = "fr" });

        Assert.False(_table.Armed); // the race happened
        Assert.Contains("Français", CardReading.Visible(saved));
        var now = (await store.GetAsync(vpiId, default))!.Vpi;
        Assert.Equal("fr", now.Language);
        Assert.Equal("Etc/UTC", now.TimeZone);
    }
}
