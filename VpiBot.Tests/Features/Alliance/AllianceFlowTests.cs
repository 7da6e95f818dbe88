using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using VpiBot.Domain;
using VpiBot.Domain.Alliance;
using VpiBot.Storage;
using VpiBot.Tests.Features.Ballots;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.CardReading;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Features.Alliance;

/// <summary>
/// The National Civil Society Alliance end to end in Ghana's VPI (Alice facilitates; Bob and Dave are the review team;
/// Chioma (an NGO) and Femi (a university) the alliance): organisations registered, their contacts asked about WhatsOn,
/// edited, listed, the alliance founded, and the WhatsOn export downloaded.
/// </summary>
public sealed class AllianceFlowTests : BallotTestBed
{
    protected override BotApp CreateApp() => new(new() { ["Vpi:Facilitators:0"] = Alice.AadObjectId, ["Downloads:PublicUrl"] = "http://localhost" });

    private JsonObject Inputs(string name, string type = "Ngo", string themes = "TraffickingInPersons,VictimsAndWitnesses", string city = "Accra",
        string? website = null, string? contact = null, string? consent = null, int? number = null, int? revision = null)
    {
        var inputs = new JsonObject { ["vpiId"] = VpiId, ["name"] = name, ["type"] = type, ["country"] = "GH", ["city"] = city, ["themes"] = themes };
        foreach (var (key, value) in new[] { ("website", website), ("contact", contact), ("consent", consent) })
        {
            if (value is not null)
            {
                inputs[key] = value;
            }
        }
        if (number is not null)
        {
            inputs["number"] = number;
            inputs["revision"] = revision;
        }
        return inputs;
    }

    private async Task<JsonObject> Register(User by, JsonObject inputs, string said = "is registered in the alliance")
    {
        var (card, message) = await Channel.Click("alliance.save", inputs, by);
        Assert.True(card is not null, message);
        Assert.Contains(said, Visible(card));
        return card;
    }

    private OrganisationStore Store => App.Services.GetRequiredService<OrganisationStore>();

    private async Task<AllianceOrganisation> Stored(int number) => (await Store.GetAsync(VpiId, number, default))!.Item;

    private static JsonObject ActionData(JsonObject card, string title) =>
        card["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == title)!["data"]!.DeepClone().AsObject();

    [Fact]
    public async Task A_member_registers_their_own_and_a_facilitator_registers_one_whose_contact_is_asked_1to1_and_consents()
    {
        await SetUp();
        var form = await Channel.Say("register organisation", Chioma);
        Assert.Equal("Ghana Anti-Trafficking Coalition", InputValue(form, "name")); // her own organisation, from the roster
        Assert.Equal("GH", InputValue(form, "country")); // the VPI's country
        Assert.Contains("\"id\":\"consent\"", form.ToJsonString());
        Assert.DoesNotContain("\"id\":\"contact\"", form.ToJsonString()); // she is the contact

        var own = await Register(Chioma, Inputs("Ghana Anti-Trafficking Coalition", website: "https://gatc.example.org", consent: "true"));
        Assert.Contains("O1 — Ghana Anti-Trafficking Coalition", Visible(own));
        Assert.Contains("WhatsOn: consent given by Chioma", Visible(own));
        var o1 = await Stored(1);
        Assert.Equal((ConsentState.Given, Chioma.AadObjectId, "https://gatc.example.org"), (o1.Consent.State, o1.ContactAadObjectId, o1.Details.Website));

        var facilitatorForm = await Channel.Say("register organisation", Alice);
        Assert.Contains("\"id\":\"contact\"", facilitatorForm.ToJsonString());
        Assert.DoesNotContain("\"id\":\"consent\"", facilitatorForm.ToJsonString()); // not hers to give
        var before = Connector.Calls.Count;
        // the toggle sent anyway (a tampered card) gives no consent for Femi
        var forFemi = await Register(Alice, Inputs("Centre for Migration Studies", "Academia", "SmugglingOfMigrants,Cybercrime", contact: Femi.AadObjectId, consent: "true"),
            "its contact is asked about WhatsOn");
        Assert.DoesNotContain("List it in WhatsOn", Visible(forFemi)); // Alice is no contact: no consent buttons
        Assert.Equal(ConsentState.Asked, (await Stored(2)).Consent.State);

        var calls = (await Channel.Delivered()).Skip(before).ToList();
        Assert.Equal([Femi.Id], calls.Where(c => c.RawPath == "/v3/conversations").Select(c => c.Json!["members"]![0]!["id"]!.GetValue<string>()));
        var consentCard = VpiChannel.Valid(calls.Single(c => c.Card is not null).Card!);
        Assert.Contains("Alice Mensah registered O2 in the alliance with you as its contact", Visible(consentCard));
        Assert.Equal(["List it in WhatsOn", "Do not list it", "Edit"], ButtonTitles(consentCard));

        // only the contact answers: Chioma and Alice clicking Femi's button change nothing
        var agree = ActionData(consentCard, "List it in WhatsOn");
        foreach (var other in new[] { Chioma, Alice })
        {
            var (_, refused) = await Channel.Click("alliance.consent", agree, other);
            Assert.Equal("Only the organisation's contact can answer about its listing in WhatsOn. Nothing was changed.", refused);
        }
        Assert.Equal((ConsentState.Asked, 1), ((await Stored(2)).Consent.State, (await Stored(2)).Revision));

        var (answered, _) = await Channel.Click("alliance.consent", agree, Femi, personal: true);
        Assert.Contains("Thank you: it may be listed in WhatsOn.", Visible(answered!));
        Assert.Equal(["Withdraw from WhatsOn", "Edit"], ButtonTitles(answered));
        var o2 = await Stored(2);
        Assert.Equal((ConsentState.Given, Femi.AadObjectId, 2), (o2.Consent.State, o2.Consent.By, o2.Revision));
        // the same click again, on the older card: out of date, nothing changes
        var (stale, _) = await Channel.Click("alliance.consent", agree, Femi, personal: true);
        Assert.Contains("This card was out of date", Visible(stale!));
        Assert.Equal(2, (await Stored(2)).Revision);
    }

    [Fact]
    public async Task The_same_name_registered_twice_is_refused_with_the_existing_number_and_the_text_kept()
    {
        await SetUp();
        await Register(Chioma, Inputs("Ghana Anti-Trafficking Coalition"));
        var (form, _) = await Channel.Click("alliance.save", Inputs("GHANA anti-trafficking  Coalition!", city: "Tamale"), Femi);
        Assert.Contains("An organisation of this name is registered already: O1. Nothing was saved.", Visible(form!));
        Assert.Equal("GHANA anti-trafficking  Coalition!", InputValue(form!, "name"));
        Assert.Equal("Tamale", InputValue(form!, "city"));
        Assert.Single(await Store.ListAsync(VpiId, default));

        // renaming another organisation to it is refused the same way
        await Register(Femi, Inputs("University of Ghana", "Academia"));
        var (rename, _) = await Channel.Click("alliance.save", Inputs("Ghana anti trafficking coalition", "Academia", number: 2, revision: 1), Femi);
        Assert.Contains("registered already: O1", Visible(rename!));
        Assert.Equal("University of Ghana", (await Stored(2)).Details.Name);
    }

    [Fact]
    public async Task Only_the_contact_and_facilitators_edit_and_a_refused_edit_changes_nothing()
    {
        await SetUp();
        await Register(Chioma, Inputs("Ghana Anti-Trafficking Coalition", consent: "true"));
        var edit = new JsonObject { ["vpiId"] = VpiId, ["number"] = 1 };
        foreach (var outsider in new[] { Femi, Bob })
        {
            var (_, refusedForm) = await Channel.Click("alliance.edit", edit, outsider);
            Assert.Equal("Only the organisation's contact and the facilitators can edit it. Nothing was changed.", refusedForm);
            var (_, refusedSave) = await Channel.Click("alliance.save", Inputs("Taken over", city: "Kumasi", number: 1, revision: 1), outsider);
            Assert.Equal("Only the organisation's contact and the facilitators can edit it. Nothing was changed.", refusedSave);
        }
        var stored = await Stored(1);
        Assert.Equal(("Ghana Anti-Trafficking Coalition", "Accra", 1), (stored.Details.Name, stored.Details.City, stored.Revision));

        var (form, _) = await Channel.Click("alliance.edit", edit, Chioma);
        Assert.Equal("Accra", InputValue(form!, "city"));
        var (saved, _) = await Channel.Click("alliance.save", Inputs("Ghana Anti-Trafficking Coalition", city: "Kumasi", number: 1, revision: 1), Chioma);
        Assert.Contains("Your changes to O1 are saved.", Visible(saved!));
        Assert.Equal(("Kumasi", ConsentState.Given), ((await Stored(1)).Details.City, (await Stored(1)).Consent.State));

        // Alice hands it to Femi: Chioma's consent does not pass to him; he is asked
        var before = Connector.Calls.Count;
        var (handed, _) = await Channel.Click("alliance.save", Inputs("Ghana Anti-Trafficking Coalition", city: "Kumasi", contact: Femi.AadObjectId, number: 1, revision: 2), Alice);
        Assert.Contains("its new contact is asked about WhatsOn", Visible(handed!));
        Assert.Equal((Femi.AadObjectId, ConsentState.Asked), ((await Stored(1)).ContactAadObjectId, (await Stored(1)).Consent.State));
        Assert.Contains((await Channel.Delivered()).Skip(before), c => c.RawPath == "/v3/conversations" && c.Json!["members"]![0]!["id"]!.GetValue<string>() == Femi.Id);
    }

    [Fact]
    public async Task A_100_KB_name_and_bad_fields_are_named_on_the_form_with_the_text_kept_and_nothing_stored()
    {
        await SetUp();
        var (form, _) = await Channel.Click("alliance.save",
            Inputs(new string('x', 100_000), "Government", "Bogus", city: "", website: "javascript:alert(1)"), Chioma); // Valid() checks it fits 40 KB
        var text = Visible(form!);
        Assert.Contains("The name can have at most 200 characters (it has 100000)", text);
        Assert.Contains("The city: please fill it in.", text);
        Assert.Contains("The website must be a full address starting with https:// or http://", text);
        Assert.Contains("Choose the type of organisation.", text); // an alliance organisation is never a government body
        Assert.Contains("Choose at least one theme.", text);
        Assert.Equal(OrganisationDetails.MaxName, InputValue(form!, "name")!.Length);
        Assert.Equal("javascript:alert(1)", InputValue(form!, "website"));
        Assert.Empty(await Store.ListAsync(VpiId, default));
    }

    [Fact]
    public async Task The_alliance_lists_by_type_with_counts_filters_by_theme_and_shows_consent_to_facilitators_only()
    {
        await SetUp();
        await Register(Chioma, Inputs("Ghana Anti-Trafficking Coalition", consent: "true"));
        await Register(Femi, Inputs("University of Ghana", "Academia", "Cybercrime,MoneyLaundering", city: "Legon"));
        await Register(Alice, Inputs("West Africa Civil Society Institute", "Ngo", "Corruption", contact: Chioma.AadObjectId), "its contact is asked");

        var forBob = Visible(await Channel.Say("alliance", Bob));
        Assert.Contains("3 in all: NGO 2 · Academia 1", forBob);
        Assert.True(forBob.IndexOf("NGO (2)", StringComparison.Ordinal) < forBob.IndexOf("Academia (1)", StringComparison.Ordinal));
        Assert.Contains("Cybercrime, Money laundering · Legon · contact: Femi Adeyemi", forBob);
        Assert.DoesNotContain("WhatsOn", forBob); // no consent state for him
        var forAlice = Visible(await Channel.Say("alliance", Alice));
        Assert.Contains("WhatsOn: consent given", forAlice);
        Assert.Contains("WhatsOn: not answered yet", forAlice);
        // nor on one organisation's card, for someone who is not its contact
        Assert.DoesNotContain("WhatsOn:", Visible(await Channel.Say("organisation O1", Femi)));
        Assert.Contains("WhatsOn: consent given", Visible(await Channel.Say("organisation O1", Alice)));

        var cyber = Visible(await Channel.Say("alliance cybercrime", Bob));
        Assert.Contains("University of Ghana", cyber);
        Assert.DoesNotContain("Ghana Anti-Trafficking Coalition", cyber);
        Assert.Contains("1 in all: Academia 1", cyber);
        Assert.Contains("West Africa Civil Society Institute", Visible(await Channel.Say("alliance corruption")));
        Assert.Contains("University of Ghana", Visible(await Channel.Say("alliance Money Laundering")));
        Assert.Contains("No organisation works on this theme yet.", Visible(await Channel.Say("alliance firearms")));
        Assert.Contains("\"astrology\" is no theme", (await Channel.Say("alliance astrology"))["text"]!.GetValue<string>());
        Assert.Contains("no such organisation", (await Channel.Say("organisation O9"))["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Activity_6_is_refused_with_no_organisation_and_founded_with_one_the_stage_card_counting_them()
    {
        await SetUp();
        var vpis = App.Services.GetRequiredService<VpiStore>();
        var read = (await vpis.GetAsync(VpiId, default))!;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await vpis.UpdateAsync(read, read.Vpi with
        {
            CompletedStages = Enum.GetValues<VpiStage>().Where(s => s < VpiStage.CivilSocietyAlliance).ToDictionary(s => s, _ => today),
        }, default);
        Assert.Contains("Alliance: no organisation registered yet.", Visible(await Channel.Say("stage")));
        var complete = new JsonObject { ["vpiId"] = VpiId, ["stage"] = "CivilSocietyAlliance", ["date"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        var (refused, _) = await Channel.Click("vpi.stage.complete", complete, Alice);
        Assert.Contains("The alliance cannot be founded without an organisation", Visible(refused!));
        Assert.False((await vpis.GetAsync(VpiId, default))!.Vpi.CompletedStages.ContainsKey(VpiStage.CivilSocietyAlliance));

        await Register(Chioma, Inputs("Ghana Anti-Trafficking Coalition"));
        await Register(Femi, Inputs("University of Ghana", "Academia"));
        var (done, _) = await Channel.Click("vpi.stage.complete", complete, Alice);
        var text = Visible(done!);
        Assert.Contains($"Founded on {today.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-US"))}. Alliance: 2 organisations (NGO 1 · Academia 1)", text);
        Assert.True((await vpis.GetAsync(VpiId, default))!.Vpi.CompletedStages.ContainsKey(VpiStage.CivilSocietyAlliance));
    }

    [Fact]
    public async Task The_WhatsOn_export_downloads_as_CSV_and_Excel_with_consenting_organisations_only_and_only_for_facilitators()
    {
        await SetUp();
        await Register(Chioma, Inputs("Ghana Anti-Trafficking Coalition", consent: "true", website: "https://gatc.example.org"));
        await Register(Femi, Inputs("جامعة غانا — 加纳大学, \"Legon\"", "Academia", "Cybercrime", city: "Legon", consent: "true"));
        await Register(Alice, Inputs("Never Answered Network", contact: Chioma.AadObjectId), "its contact is asked");
        await Register(Alice, Inputs("Refusing Institute", "Other", contact: Femi.AadObjectId), "its contact is asked");
        await Register(Chioma, Inputs("Withdrawn Foundation", consent: "true"));
        await Channel.Click("alliance.consent", new JsonObject { ["vpiId"] = VpiId, ["number"] = 4, ["revision"] = 1, ["answer"] = "Decline" }, Femi);
        await Channel.Click("alliance.consent", new JsonObject { ["vpiId"] = VpiId, ["number"] = 5, ["revision"] = 1, ["answer"] = "Decline" }, Chioma);
        Assert.Equal(ConsentState.Refused, (await Stored(4)).Consent.State);
        Assert.Equal(ConsentState.Withdrawn, (await Stored(5)).Consent.State);

        var refused = await Channel.Say("whatson export", Chioma);
        Assert.Contains("facilitator", refused["text"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

        var card = await Channel.Say("whatson export", Alice);
        Assert.Contains("Organisations of the alliance that agreed to be listed in WhatsOn: 2 of 5.", Visible(card));
        var urls = card["actions"]!.AsArray().Select(a => (Title: a!["title"]!.GetValue<string>(), Url: new Uri(a["url"]!.GetValue<string>()))).ToList();
        Assert.Equal(["Download the WhatsOn list (CSV)", "Download the WhatsOn list (Excel)"], urls.Select(u => u.Title));
        var client = App.CreateClient();

        var csvResponse = await client.GetAsync(urls[0].Url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFFName,Type,", csv);
        Assert.Contains("Ghana Anti-Trafficking Coalition,NGO,Ghana,Accra,https://gatc.example.org", csv);
        Assert.Contains("\"جامعة غانا — 加纳大学, \"\"Legon\"\"\",Academia", csv);
        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length); // header + the two that consented

        var xlsxResponse = await client.GetAsync(urls[1].Url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync()), false);
        var names = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Skip(1)
            .Select(r => r.Elements<Cell>().First().InlineString!.InnerText).ToList();
        Assert.Equal(2, names.Count);
        Assert.Contains("Ghana Anti-Trafficking Coalition", names);
        Assert.Contains("جامعة غانا — 加纳大学, \"Legon\"", names);

        foreach (var never in new[] { "Never Answered Network", "Refusing Institute", "Withdrawn Foundation" })
        {
            Assert.DoesNotContain(never, csv);
            Assert.DoesNotContain(never, names);
        }
        // a link made for Chioma (no facilitator) is refused when used
        var forChioma = App.Services.GetRequiredService<VpiBot.Features.Downloads.DownloadLinks>().Create(VpiId, Chioma.AadObjectId, "whatson-csv", CultureInfo.GetCultureInfo("en-GB"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(forChioma.Url.PathAndQuery)).StatusCode);
    }
}
