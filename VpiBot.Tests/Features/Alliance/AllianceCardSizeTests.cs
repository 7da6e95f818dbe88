using System.Globalization;
using VpiBot.Domain;
using VpiBot.Domain.Alliance;
using VpiBot.Features.Alliance;
using VpiBot.Features.Alliance.Cards;
using VpiBot.Tests.Support;
using Xunit.Abstractions;

namespace VpiBot.Tests.Features.Alliance;

/// <summary>
/// The alliance's cards at their largest: 200 organisations with every name, city and website at its longest (Arabic,
/// the most bytes), every theme chosen, and a roster of 300. Each stays a valid Adaptive Card 1.5 within Teams' 40 KB.
/// </summary>
public sealed class AllianceCardSizeTests(ITestOutputHelper output)
{
    /// <summary>Every card is measured in each of the six languages: a longer language must not push it past 40 KB.</summary>
    private static readonly CultureInfo[] Readers = [.. VpiBot.Protocol.Languages.Supported.Select(l => VpiBot.Protocol.Languages.For(l))];
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<Member> Roster = Enumerable.Range(0, 300).Select(i =>
        new Member($"a1b2c3d4-0000-4000-8000-{i:D12}", $"29:{i}", LargestCards.Arabic(60), null, VpiRole.Alliance, "Org", OrganisationType.Ngo, "f", Now)).ToList();

    private static AllianceOrganisation Org(int n) => new(99_000 + n,
        new OrganisationDetails(LargestCards.Arabic(OrganisationDetails.MaxName), OrganisationDetails.Types[n % 4], "GH", LargestCards.Arabic(OrganisationDetails.MaxCity),
            "https://" + new string('w', OrganisationDetails.MaxWebsite - 8), Enum.GetValues<UntocTheme>()),
        Roster[n].AadObjectId, new WhatsOnConsent(ConsentState.Withdrawn, "x", LargestCards.Arabic(60), Now), 1, "x", "x", Now);

    private int Report(string what, System.Text.Json.Nodes.JsonObject card)
    {
        CardAssert.ValidAdaptiveCard(card);
        var bytes = CardAssert.MessageSizeInBytes(card);
        output.WriteLine($"{what}: {bytes / 1024.0:0.0} KB");
        Assert.True(bytes <= 40 * 1024, $"{what} is {bytes} bytes");
        return bytes;
    }

    [Fact]
    public void Every_page_of_the_alliance_and_the_largest_organisation_card_and_form_fit()
    {
        foreach (var reader in Readers)
        {
            var all = Enumerable.Range(0, 200).Select(Org).ToList();
            var names = Roster.ToDictionary(m => m.AadObjectId, m => m.Name);
            var pages = (all.Count + AllianceCard.PageSize - 1) / AllianceCard.PageSize;
            for (var page = 1; page <= pages; page++)
            {
                Report($"alliance page {page} (facilitator)", AllianceCard.Build(LargestCards.Ghana, all, names, null, page, true, reader));
            }
            var card = OrganisationCard.Build(LargestCards.Ghana, all[0], LargestCards.Arabic(60), new OrganisationViewer(true, true, true), reader, LargestCards.Arabic(300));
            Report("organisation card (its contact)", card);
            var typed = AllianceInput.Typed(LargestCards.Ghana.Id, all[0]);
            Report("organisation form (facilitator)", OrganisationFormCard.Build(LargestCards.Ghana, Roster, typed, true, false, reader,
                Enumerable.Repeat(LargestCards.Arabic(200), 8).ToList()));
        }
    }
}
