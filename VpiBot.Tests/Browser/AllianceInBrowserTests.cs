using VpiBot.Domain.Alliance;
using VpiBot.Storage;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Browser;

/// <summary>
/// The alliance's cards in a real renderer, in Ghana's VPI: Chioma registers her organisation from the form in the page
/// (themes ticked, consent switched on); Alice registers one for Femi, picking him from the roster; the card Femi gets
/// 1:1 is shown to him and he consents from it; the alliance list is shown to Bob. What was chosen in the page is checked
/// against the store. Screenshots go to TestResults/cards/ as <c>alliance-nn-….png</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AllianceInBrowserTests(TeamsCardHost host) : GhanaVpiInBrowser
{
    private const string Shots = "alliance";

    private async Task<AllianceOrganisation> Stored(int number) =>
        (await Channel.App.Services.GetRequiredService<OrganisationStore>().GetAsync(VpiId, number, default))!.Item;

    [Fact]
    public async Task Register_from_the_form_consent_from_the_1to1_card_and_read_the_alliance()
    {
        var form = await Channel.Say("register organisation", Chioma);
        await using (var chioma = await host.RenderAsync(form, Chioma, Chat, "form-1", step: "own-form", test: Shots))
        {
            Assert.Empty(chioma.ParseWarnings);
            Assert.Equal("Ghana Anti-Trafficking Coalition", await chioma.ValueAsync("name"));
            await chioma.FillAsync("city", "Accra");
            await chioma.FillAsync("website", "https://gatc.example.org");
            await chioma.FillAsync("themes", "TraffickingInPersons,VictimsAndWitnesses");
            await chioma.FillAsync("consent", "true");
            var registered = await chioma.ClickAsync("Register", step: "own-registered");
            Assert.NotNull(registered.NewCard);
            Assert.Contains("O1 is registered in the alliance.", await chioma.TextAsync());
        }
        var o1 = await Stored(1);
        Assert.Equal([UntocTheme.TraffickingInPersons, UntocTheme.VictimsAndWitnesses], o1.Details.Themes.Order());
        Assert.Equal((VpiBot.Domain.OrganisationType.Ngo, ConsentState.Given, "https://gatc.example.org"), (o1.Details.Type, o1.Consent.State, o1.Details.Website));

        var before = Connector.Calls.Count;
        await using (var alice = await host.RenderAsync(await Channel.Say("register organisation"), Alice, Chat, "form-2", step: "facilitator-form", test: Shots))
        {
            Assert.Empty(alice.ParseWarnings);
            await alice.FillAsync("name", "Centre for Migration Studies");
            await alice.FillAsync("type", "Academia");
            await alice.FillAsync("city", "Legon");
            await alice.FillAsync("themes", "SmugglingOfMigrants,Cybercrime");
            await alice.FillAsync("contact", Femi.AadObjectId);
            var registered = await alice.ClickAsync("Register", step: "facilitator-registered");
            Assert.NotNull(registered.NewCard);
            Assert.Contains("its contact is asked about WhatsOn", await alice.TextAsync());
        }
        Assert.Equal((Femi.AadObjectId, ConsentState.Asked), ((await Stored(2)).ContactAadObjectId, (await Stored(2)).Consent.State));

        var consentCard = (await Channel.Delivered()).Skip(before).Last(c => c.Card is not null).Card!; // after the form Alice asked for
        await using (var femi = await host.RenderAsync(consentCard, Femi, Chat, "consent-1", step: "contact-asked", test: Shots))
        {
            Assert.Empty(femi.ParseWarnings);
            Assert.Contains("Alice Mensah registered O2 in the alliance with you as its contact", await femi.TextAsync());
            var agreed = await femi.ClickAsync("List it in WhatsOn", step: "contact-consented");
            Assert.NotNull(agreed.NewCard);
            Assert.Contains("Thank you: it may be listed in WhatsOn.", await femi.TextAsync());
        }
        Assert.Equal(ConsentState.Given, (await Stored(2)).Consent.State);

        await using var bob = await host.RenderAsync(await Channel.Say("alliance", Bob), Bob, Chat, "alliance-1", step: "list", test: Shots);
        Assert.Empty(bob.ParseWarnings);
        var list = await bob.TextAsync();
        Assert.Contains("2 in all: NGO 1 · Academia 1", list);
        Assert.Contains("O2 — Centre for Migration Studies", list);
        Assert.DoesNotContain("WhatsOn", list);
    }
}
