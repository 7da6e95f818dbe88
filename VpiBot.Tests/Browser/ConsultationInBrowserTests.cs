using System.Globalization;
using VpiBot.Storage;
using VpiBot.Tests.Support;
using static VpiBot.Tests.Support.TeamsActivities;

namespace VpiBot.Tests.Browser;

/// <summary>
/// A consultation in a real renderer, in Ghana's VPI (Alice facilitates; Bob is on the review team; Chioma and Femi are
/// the alliance): Alice fills the "open consultation" form in the page; Chioma answers on the card she gets 1:1 (her
/// text, with markdown in it, stays text); Bob reads her input under her organisation. Screenshots go to
/// TestResults/cards/ as <c>consultation-nn-….png</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsultationInBrowserTests(TeamsCardHost host) : GhanaVpiInBrowser
{
    private const string Shots = "consultation";

    [Fact]
    public async Task Open_from_the_form_answer_on_the_1to1_card_and_read_the_input_by_organisation()
    {
        var due = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); // Accra is UTC
        await Channel.Send(Channel.Teams.PersonalMessage("help", Chioma)); // her 1:1 chat with the bot
        var form = await Channel.Say("open consultation");
        await using (var alice = await host.RenderAsync(form, Alice, Chat, "form-1", step: "form", test: Shots))
        {
            Assert.Empty(alice.ParseWarnings);
            var empty = await alice.ClickAsync("Open the consultation", step: "form-empty");
            Assert.True(empty.Stopped); // the renderer asks for the title first
            await alice.FillAsync("title", "Self-assessment: protection of victims");
            await alice.FillAsync("articles", "6");
            await alice.FillAsync("questions", "Which shelters exist for victims?");
            await alice.FillAsync("deadlineDate", due);
            var opened = await alice.ClickAsync("Open the consultation", step: "opened");
            Assert.NotNull(opened.NewCard);
            Assert.Contains("Consultation C1 is open. Answer cards go 1:1 to those consulted (2).", await alice.TextAsync());
        }

        var calls = await Channel.Delivered();
        var chat = Uri.EscapeDataString("a:1personal-" + Chioma.AadObjectId);
        var card = calls.Last(c => c.Method == "POST" && c.RawPath.Contains(chat, StringComparison.Ordinal) && c.Card?.ToJsonString().Contains("consultation.save", StringComparison.Ordinal) == true).Card!;
        var personal = Chat with { Kind = ChatKind.Personal };
        var typed = "**Two** shelters: see [the list](https://evil.example.com)";
        await using (var chioma = await host.RenderAsync(card, Chioma, personal, "answer-1", step: "answer", test: Shots))
        {
            Assert.Empty(chioma.ParseWarnings);
            Assert.Contains("1. Article 6 of the Trafficking in Persons Protocol", await chioma.TextAsync());
            await chioma.FillAsync("a2", typed);
            var saved = await chioma.ClickAsync("Save", step: "saved");
            Assert.NotNull(saved.NewCard);
            var text = await chioma.TextAsync();
            Assert.Contains("Saved. You may change your answers until the deadline.", text);
            Assert.DoesNotContain("{{", text); // "saved at" formatted for her
            Assert.Equal(typed, await chioma.ValueAsync("a2"));
        }
        var stored = (await Channel.App.Services.GetRequiredService<ConsultationStore>().GetAnswerAsync(VpiId, 1, Chioma.AadObjectId, default))!.Item;
        Assert.Equal(["", typed], stored.Answers);

        var inputs = await Channel.Say("consultation 1", Bob);
        await using var bob = await host.RenderAsync(inputs, Bob, Chat, "inputs-1", step: "inputs", test: Shots);
        Assert.Empty(bob.ParseWarnings);
        var read = await bob.TextAsync();
        Assert.Contains("Ghana Anti-Trafficking Coalition (NGO)", read);
        Assert.Contains(typed, read); // as typed: no bold, no link
        Assert.Equal(0, await bob.Page.Locator("#card-root a").CountAsync());
    }
}
