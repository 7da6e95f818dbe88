using System.Text.Json.Nodes;
using VpiBot.Tests.Support;
using Xunit.Sdk;

namespace VpiBot.Tests.AppPackage;

/// <summary>Proves that CardAssert (and so JsonSchemaAssert) accepts good cards and rejects bad ones.</summary>
public class CardAssertTests
{
    private static JsonObject ValidCard() => (JsonObject)JsonNode.Parse("""
        {
          "type": "AdaptiveCard",
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "version": "1.5",
          "body": [
            { "type": "TextBlock", "text": "Priority 3: victim support", "wrap": true, "weight": "Bolder" },
            { "type": "Input.ChoiceSet", "id": "vote", "label": "Your vote", "isRequired": true,
              "choices": [ { "title": "Support", "value": "yes" }, { "title": "Object", "value": "no" } ] }
          ],
          "actions": [
            { "type": "Action.Execute", "title": "Vote", "verb": "castVote", "data": { "ballot": "b-1" } },
            { "type": "Action.OpenUrl", "title": "Roadmap", "url": "https://www.unodc.org/unodc/en/ngos/" }
          ],
          "refresh": { "action": { "type": "Action.Execute", "verb": "refreshBallot" }, "userIds": [ "29:abc" ] }
        }
        """)!;

    [Fact]
    public void A_valid_1_5_card_with_Action_Execute_passes()
    {
        CardAssert.ValidAdaptiveCard(ValidCard());
    }

    [Fact]
    public void An_unknown_element_type_fails_and_names_the_element()
    {
        JsonObject card = ValidCard();
        card["body"]![0]!["type"] = "TextBlok";

        var failure = Assert.Throws<XunitException>(() => CardAssert.ValidAdaptiveCard(card));
        Assert.Contains("/body/0", failure.Message);
    }

    [Fact]
    public void A_TextBlock_without_text_fails()
    {
        JsonObject card = ValidCard();
        card["body"]![0]!.AsObject().Remove("text");

        var failure = Assert.Throws<XunitException>(() => CardAssert.ValidAdaptiveCard(card));
        Assert.Contains("/body/0", failure.Message);
    }

    [Fact]
    public void An_Action_Execute_with_a_non_string_verb_fails()
    {
        JsonObject card = ValidCard();
        card["actions"]![0]!["verb"] = 42;

        var failure = Assert.Throws<XunitException>(() => CardAssert.ValidAdaptiveCard(card));
        Assert.Contains("/actions/0", failure.Message);
    }

    [Fact]
    public void An_unknown_property_fails()
    {
        JsonObject card = ValidCard();
        card["body"]![0]!["colour"] = "Good";

        Assert.Throws<XunitException>(() => CardAssert.ValidAdaptiveCard(card));
    }

    [Fact]
    public void An_OpenUrl_without_url_fails()
    {
        JsonObject card = ValidCard();
        card["actions"]![1]!.AsObject().Remove("url");

        Assert.Throws<XunitException>(() => CardAssert.ValidAdaptiveCard(card));
    }

    [Theory]
    [InlineData("1.6")]
    [InlineData("2.0")]
    public void A_version_above_1_5_fails(string version)
    {
        JsonObject card = ValidCard();
        card["version"] = version;

        var failure = Assert.Throws<XunitException>(() => CardAssert.ValidAdaptiveCard(card));
        Assert.Contains("1.5", failure.Message);
    }

    [Fact]
    public void A_lower_version_passes()
    {
        JsonObject card = ValidCard();
        card["version"] = "1.4";

        CardAssert.ValidAdaptiveCard(card);
    }

    [Fact]
    public void A_missing_version_fails()
    {
        JsonObject card = ValidCard();
        card.Remove("version");

        Assert.Throws<XunitException>(() => CardAssert.ValidAdaptiveCard(card));
    }

    [Fact]
    public void A_card_of_another_type_fails()
    {
        JsonObject card = ValidCard();
        card.Remove("type");

        Assert.Throws<XunitException>(() => CardAssert.ValidAdaptiveCard(card));
    }

    [Fact]
    public void More_than_60_refresh_user_ids_fail()
    {
        JsonObject card = ValidCard();
        card["refresh"]!["userIds"] = new JsonArray(Enumerable.Range(0, 61).Select(i => (JsonNode?)JsonValue.Create($"29:user{i}")).ToArray());

        var failure = Assert.Throws<XunitException>(() => CardAssert.ValidAdaptiveCard(card));
        Assert.Contains("userIds", failure.Message);
    }

    [Fact]
    public void A_50_KB_card_fails_on_size()
    {
        JsonObject card = ValidCard();
        JsonArray body = card["body"]!.AsArray();
        for (int i = 0; i < 50; i++)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = new string('x', 1000), ["wrap"] = true });
        }

        var failure = Assert.Throws<XunitException>(() => CardAssert.ValidAdaptiveCard(card));
        Assert.Contains("bytes", failure.Message);
    }

    [Fact]
    public void A_card_just_under_the_limit_passes_and_the_margin_is_counted()
    {
        JsonObject card = ValidCard();
        int baseSize = CardAssert.MessageSizeInBytes(card);
        int room = CardAssert.MaxMessageBytes - CardAssert.EnvelopeAllowanceBytes - baseSize;
        // One more TextBlock; its JSON costs ~50 bytes besides the text.
        var filler = new JsonObject { ["type"] = "TextBlock", ["text"] = new string('x', room - 100) };
        card["body"]!.AsArray().Add(filler);
        CardAssert.ValidAdaptiveCard(card);

        filler["text"] = new string('x', room);
        Assert.Throws<XunitException>(() => CardAssert.ValidAdaptiveCard(card));
    }

    [Fact]
    public void Schema_errors_list_instance_paths()
    {
        var errors = JsonSchemaAssert.Validate(
            JsonNode.Parse("""{ "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "TextBlock" } ] }"""),
            CardAssert.SchemaFileName);

        Assert.NotEmpty(errors);
        Assert.StartsWith("/body/0", errors[0]);
    }
}
