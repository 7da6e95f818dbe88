using Microsoft.Extensions.Time.Testing;
using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Storage;

/// <summary>
/// Creating a VPI binds the conversation first, then writes the VPI. A binding whose VPI is not there yet is another
/// facilitator's creation in progress (it must not be taken over: both would be told "set up"); only an old one is
/// taken for an interrupted creation and reused.
/// </summary>
public sealed class VpiCreationTests : IDisposable
{
    private readonly SqliteTableStore _table = new(TempSqlite.NewPath());
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _table.Dispose();

    private static Vpi Ghana(string id) => new(id, "GH", "t", Instrument.Untoc, ReviewCluster.Prevention, CollaborationLevel.Medium,
        new VpiHome("19:general@thread.tacv2", "https://smba.trafficmanager.net/amer/", null, null, true),
        new Dictionary<VpiStage, DateOnly>(), new HashSet<string>(), "alice", default);

    private static Member Facilitator => new("alice", "29:alice", "Alice", null, VpiRole.Facilitator, "UNODC", OrganisationType.Unodc, "alice", default);

    [Fact]
    public async Task A_binding_being_created_is_not_taken_over_and_an_old_orphan_is()
    {
        var store = new VpiStore(_table, _time);
        // another facilitator has bound the channel and is about to write their VPI
        await _table.InsertAsync("conversation|19:general@thread.tacv2", "vpi",
            $$"""{"vpiId":"theirs","at":"{{_time.GetUtcNow():O}}"}""", default);
        Assert.False(await store.CreateAsync(Ghana("mine"), Facilitator, default));
        Assert.Null(await store.GetAsync("mine", default));

        // a minute later there is still no VPI: that creation was interrupted; the binding is reused
        _time.Advance(VpiStore.CreationInProgress + TimeSpan.FromSeconds(1));
        Assert.True(await store.CreateAsync(Ghana("mine"), Facilitator, default));
        Assert.Equal("mine", (await store.FindByConversationAsync("19:general@thread.tacv2", default))!.Vpi.Id);
    }
}
