using Azure.Data.Tables;
using VpiBot.Domain;
using VpiBot.Domain.Alliance;
using VpiBot.Storage;
using VpiBot.Storage.Tables;

namespace VpiBot.Tests.Storage;

/// <summary>
/// The alliance's names held by rows of their own, on both backends: of many people registering the same organisation at
/// once exactly one succeeds and the others are told its number; a rename moves the name, freeing the old one.
/// </summary>
public abstract class OrganisationStoreContract
{
    protected abstract ITableStore Table { get; }

    private readonly string _vpi = "vpi-" + Guid.NewGuid().ToString("N");
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly Member Chioma = new("chioma", "29:chioma", "Chioma", null, VpiRole.Alliance, "Org", OrganisationType.Ngo, "f", Now);

    private OrganisationStore Store() => new(Table, new OutboxStore(Table, TimeProvider.System, new WakeSignal()));

    private static Func<int, AllianceOrganisation> Org(string name) =>
        n => AllianceRules.Register(n, new OrganisationDetails(name, OrganisationType.Ngo, "GH", "Accra", null, [UntocTheme.Corruption]), "chioma", true, Chioma, Now);

    [Fact]
    public async Task Of_many_registering_one_name_at_once_exactly_one_succeeds_and_the_others_learn_its_number()
    {
        var store = Store();
        var spellings = Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? "Ghana Anti-Trafficking Coalition" : "GHANA anti trafficking coalition!").ToList();
        var results = await Task.WhenAll(spellings.Select(name => Task.Run(() => store.RegisterAsync(_vpi, name, Org(name), _ => [], CancellationToken.None))));

        var winner = Assert.Single(results, r => r.Saved is not null);
        Assert.All(results.Where(r => r.Saved is null), r => Assert.Equal(winner.Saved!.Item.Number, r.NameTakenBy));
        Assert.Single(await store.ListAsync(_vpi, CancellationToken.None));
        Assert.Equal(winner.Saved!.Item.Number, await store.NumberByNameAsync(_vpi, "ghana ANTI-trafficking coalition", CancellationToken.None));
    }

    [Fact]
    public async Task A_rename_moves_the_name_frees_the_old_one_and_is_refused_onto_a_name_taken()
    {
        var store = Store();
        var ct = CancellationToken.None;
        var one = (await store.RegisterAsync(_vpi, "Amis du Droit", Org("Amis du Droit"), _ => [], ct)).Saved!;
        var two = (await store.RegisterAsync(_vpi, "Université d'Abomey", Org("Université d'Abomey"), _ => [], ct)).Saved!;

        var onto = one.Item with { Details = one.Item.Details with { Name = "UNIVERSITE D ABOMEY" }, Revision = 2 };
        Assert.Equal(2, (await store.SaveAsync(_vpi, one, onto, [], ct)).NameTakenBy);
        Assert.Equal("Amis du Droit", (await store.GetAsync(_vpi, 1, ct))!.Item.Details.Name);

        var renamed = one.Item with { Details = one.Item.Details with { Name = "Amis du Droit et de la Justice" }, Revision = 2 };
        Assert.NotNull((await store.SaveAsync(_vpi, one, renamed, [], ct)).Saved);
        Assert.Equal(1, await store.NumberByNameAsync(_vpi, "amis du droit et de la justice", ct));
        Assert.Null(await store.NumberByNameAsync(_vpi, "Amis du Droit", ct));
        Assert.NotNull((await store.RegisterAsync(_vpi, "Amis du Droit", Org("Amis du Droit"), _ => [], ct)).Saved); // the old name is free again

        // a save from a stale read changes nothing, names included
        var stale = two.Item with { Details = two.Item.Details with { Name = "Abomey University" }, Revision = 2 };
        await store.SaveAsync(_vpi, two, stale, [], ct);
        var again = two.Item with { Details = two.Item.Details with { Name = "Another Name" }, Revision = 2 };
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveAsync(_vpi, two, again, [], ct));
        Assert.Null(await store.NumberByNameAsync(_vpi, "Another Name", ct));
        Assert.Equal(2, await store.NumberByNameAsync(_vpi, "Abomey University", ct));
        Assert.Equal(["Amis du Droit et de la Justice", "Abomey University", "Amis du Droit"], (await store.ListAsync(_vpi, ct)).Select(o => o.Details.Name));
    }
}

public sealed class OrganisationStoreSqliteTests : OrganisationStoreContract, IDisposable
{
    private readonly string _path = Support.TempSqlite.NewPath();
    private readonly SqliteTableStore _table;

    public OrganisationStoreSqliteTests() => _table = new SqliteTableStore(_path);

    protected override ITableStore Table => _table;

    public void Dispose() => _table.Dispose();
}

[Collection(AzuriteCollection.Name)]
public sealed class OrganisationStoreAzuriteTests(AzuriteFixture azurite) : OrganisationStoreContract
{
    protected override ITableStore Table { get; } = new AzureTableStore(new TableServiceClient(azurite.ConnectionString), "organisations");
}
