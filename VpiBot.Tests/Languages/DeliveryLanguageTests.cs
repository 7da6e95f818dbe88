using VpiBot.Storage;
using VpiBot.Storage.Tables;
using VpiBot.Tests.Notifications;

namespace VpiBot.Tests.Languages;

/// <summary>
/// What the bot sends on its own is read in its reader's language, whoever caused it: a card posted in the VPI's
/// conversation in the VPI's language, a 1:1 message (and updates of it) in the person's last known language, else the
/// VPI's; an Arabic reader's card right to left.
/// </summary>
public sealed class DeliveryLanguageTests : OutboxTestBase
{
    protected override ITableStore CreateStore() =>
        new SqliteTableStore(Path.Combine(Path.GetTempPath(), "vpibot-languages-" + Guid.NewGuid().ToString("N"), "outbox.db"));

    private async Task VpiSpeaks(string? language)
    {
        var vpis = new VpiStore(Table);
        var read = (await vpis.GetAsync(VpiId, Ct))!;
        await vpis.UpdateAsync(read, read.Vpi with { Language = language }, Ct);
    }

    private Task PersonSpeaks(string aad, string culture) =>
        new PersonSettingsStore(Table).SaveAsync(aad, new PersonSettings(null, culture, null, null, Time.GetUtcNow()), Ct);

    /// <summary>The cards sent to a conversation (new messages and updates): the culture each says it was rendered in, and whether it is rtl.</summary>
    private List<(string Culture, bool Rtl)> CardsIn(string conversationId) =>
        Connector.Calls.Where(c => c.Card is not null && Uri.UnescapeDataString(c.RawPath).StartsWith($"/v3/conversations/{conversationId}/activities", StringComparison.Ordinal))
            .Select(c => (c.Card!["body"]![0]!["text"]!.GetValue<string>(), c.Card["rtl"]?.GetValue<bool>() ?? false)).ToList();

    [Fact]
    public async Task The_channel_reads_the_VPIs_language_and_each_person_their_own_whoever_caused_it()
    {
        await VpiSpeaks("ar");
        await PersonSpeaks("aad-ann", "fr-CA");
        foreach (var aad in Reviewers)
        {
            await GivePersonalConversationAsync(aad);
        }
        var instance = Instance();
        // a facilitator whose Teams is in English caused it
        await instance.Outbox.CommitAsync(VpiId, [], [new NoteRequested(VpiId, NoteView.CultureCard, ["aad-ann", "aad-ben"], ToHome: true, Culture: "en-US")], Ct);
        await RunUntilEmptyAsync(instance);

        Assert.Equal([("ar", true)], CardsIn(HomeConversation));
        Assert.Equal([("fr-CA", false)], CardsIn(PersonalConversation("aad-ann")));
        Assert.Equal([("ar", true)], CardsIn(PersonalConversation("aad-ben"))); // their language unknown: the VPI's
    }

    [Fact]
    public async Task A_VPI_without_a_language_posts_in_English_and_updates_of_a_persons_copy_stay_in_their_language()
    {
        await PersonSpeaks("aad-ann", "ru-RU");
        await GivePersonalConversationAsync("aad-ann");
        var instance = Instance();
        await instance.Outbox.CommitAsync(VpiId, [], [new NoteRequested(VpiId, NoteView.CultureCard, ["aad-ann"], ToHome: true, Track: "t1", Culture: "ar-SA")], Ct);
        await RunUntilEmptyAsync(instance);
        await instance.Outbox.CommitAsync(VpiId, [], [new NoteRequested(VpiId, NoteView.CultureCard, [], Track: "t1", UpdateTrack: true, Culture: "ar-SA")], Ct);
        await RunUntilEmptyAsync(instance);

        Assert.Equal([("en", false), ("en", false)], CardsIn(HomeConversation)); // posted, then updated
        Assert.Equal([("ru-RU", false), ("ru-RU", false)], CardsIn(PersonalConversation("aad-ann")));
    }
}
