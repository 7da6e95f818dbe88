using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using VpiBot.Domain;
using VpiBot.Domain.Consultations;
using VpiBot.Features.Consultations;
using VpiBot.Storage;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Storage;

/// <summary>The consultations' store on SQLite (a fresh file per test).</summary>
public sealed class SqliteConsultationStoreTests : ConsultationStoreContract
{
    protected override ITableStore CreateStore() =>
        new SqliteTableStore(Path.Combine(Path.GetTempPath(), "vpibot-consult-" + Guid.NewGuid().ToString("N"), "store.db"));
}

/// <summary>The consultations' store on Azure Table Storage as Azurite emulates it (a fresh table per test).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureConsultationStoreTests(AzuriteFixture azurite) : ConsultationStoreContract
{
    protected override ITableStore CreateStore() =>
        new AzureTableStore(new TableServiceClient(azurite.ConnectionString), "consult" + Guid.NewGuid().ToString("N")[..12]);
}

/// <summary>
/// What the consultations' store guarantees on every backend: an answer row is written only over the version read (two
/// devices: one wins, the other is told), the longest answers are kept whole, answers are not taken for consultations,
/// and a consultation closes once, with its one closing message.
/// </summary>
public abstract class ConsultationStoreContract
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _vpiId = "vpi-" + Guid.NewGuid().ToString("N")[..8];
    private readonly ITableStore _table;
    private readonly OutboxStore _outbox;
    private readonly ConsultationStore _store;

    protected ConsultationStoreContract()
    {
        _table = CreateStore();
        _outbox = new OutboxStore(_table, new FakeTimeProvider(Now), new WakeSignal());
        _store = new ConsultationStore(_table, _outbox);
    }

    protected abstract ITableStore CreateStore();

    private static readonly Member Chioma = new("a1b2c3d4-0000-4000-8000-000000000003", "29:c", "Chioma", null, VpiRole.Alliance,
        "Ghana Anti-Trafficking Coalition", OrganisationType.Ngo, "f", Now);

    private Task<Consultation> Create(int questions = ConsultationRules.MaxQuestions) => _store.CreateAsync(_vpiId,
        n => new Consultation(n, "Cluster 2", [.. Enumerable.Range(1, questions).Select(i => $"Q{i}?")], Now.AddDays(10), "Africa/Accra", [Chioma.AadObjectId], true, "f", "Alice", Now),
        _ => [], Ct);

    [Fact]
    public async Task Two_devices_saving_over_the_same_version_one_wins_the_other_is_told_and_the_longest_answers_are_kept_whole()
    {
        var c = await Create();
        var longest = LargestCards.Arabic(ConsultationRules.MaxAnswer);
        var first = await _store.SaveAnswerAsync(_vpiId, null, ConsultationRules.Save(c, null, Chioma, 0, [.. c.Questions.Select(_ => longest)], Now), [], Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            _store.SaveAnswerAsync(_vpiId, null, ConsultationRules.Save(c, null, Chioma, 0, ["phone"], Now), [], Ct)); // both thought it was the first save

        var phone = ConsultationRules.Save(c, first.Item, Chioma, 0, ["from the phone"], Now.AddMinutes(1));
        var laptop = ConsultationRules.Save(c, first.Item, Chioma, 1, ["from the laptop"], Now.AddMinutes(1));
        await _store.SaveAnswerAsync(_vpiId, first, phone, [], Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _store.SaveAnswerAsync(_vpiId, first, laptop, [], Ct)); // read before the phone's save

        var stored = (await _store.GetAnswerAsync(_vpiId, c.Number, Chioma.AadObjectId.ToUpperInvariant(), Ct))!.Item;
        Assert.Equal("from the phone", stored.Answers[0]);
        Assert.Equal(longest, stored.Answers[1]); // 20 answers of 4,000 Arabic characters: more than one Azure property holds
        Assert.Equal(longest, stored.Answers[19]);
    }

    [Fact]
    public async Task Answers_are_listed_per_consultation_and_never_taken_for_consultations()
    {
        var c1 = await Create(2);
        var c2 = await Create(2);
        await _store.SaveAnswerAsync(_vpiId, null, ConsultationRules.Save(c1, null, Chioma, 0, ["one", ""], Now), [], Ct);
        Assert.Equal([1, 2], (await _store.ListAsync(_vpiId, Ct)).Select(v => v.Item.Number));
        Assert.Single(await _store.ListAnswersAsync(_vpiId, c1.Number, Ct));
        Assert.Empty(await _store.ListAnswersAsync(_vpiId, c2.Number, Ct));
        Assert.Equal([_vpiId], await _store.VpisWithConsultationsAsync(Ct));
    }

    [Fact]
    public async Task A_consultation_closes_once_with_one_closing_message_and_only_closed_ones_are_in_the_annex()
    {
        var c = await Create(2);
        await Create(1); // still open
        await _store.SaveAnswerAsync(_vpiId, null, ConsultationRules.Save(c, null, Chioma, 0, ["Yes", ""], Now), [], Ct);
        var read = (await _store.GetAsync(_vpiId, c.Number, Ct))!;
        var closing = ConsultationRules.Close(read.Item, null, Now.AddDays(11))!;
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                await _store.SaveAsync(_vpiId, read, closing, [new ConsultationClosed(_vpiId, c.Number, "en")], Ct);
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        }));
        Assert.Single(results, won => won);
        var jobs = new List<OutboxJob>();
        await foreach (var job in _outbox.ScanAsync(_vpiId, Ct))
        {
            jobs.Add(job);
        }
        Assert.Single(jobs, j => j.EventType == nameof(ConsultationClosed));

        var annex = Assert.Single(await _store.AnnexAsync(_vpiId, Ct));
        Assert.Equal(c.Number, annex.Number);
        Assert.Equal(Now.AddDays(10), annex.ClosedAt); // closed at its deadline, though the round came a day late
        Assert.Equal([new AnnexInput("Ghana Anti-Trafficking Coalition", OrganisationType.Ngo, "Yes")], annex.Questions[0].Inputs);
        Assert.Empty(annex.Questions[1].Inputs);
    }
}
