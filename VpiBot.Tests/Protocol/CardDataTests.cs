using System.Text.Json.Nodes;
using VpiBot.Domain;
using VpiBot.Features.Priorities;
using VpiBot.Protocol.Routing;

namespace VpiBot.Tests.Protocol;

/// <summary>Card data is read strictly into the verb's record: exactly what the card wrote (plus its inputs), or nothing.</summary>
public sealed class CardDataTests
{
    private static DecidePriority? Read(string json) => (DecidePriority?)CardData.Read(typeof(DecidePriority), JsonNode.Parse(json)!.AsObject());

    [Fact]
    public void What_a_card_writes_reads_back_the_same()
    {
        var written = new DecidePriority("v1", 3, 2, ReviewDecision.RequestChanges);
        var data = CardData.Of(written);
        Assert.Equal("""{"vpiId":"v1","number":3,"revision":2,"decision":"RequestChanges"}""", data.ToJsonString());
        data["comment"] = "Please name the shelters."; // an input of the card, merged in by Teams
        Assert.Equal(written with { Comment = "Please name the shelters." }, CardData.Read(typeof(DecidePriority), data));
    }

    [Theory]
    [InlineData("""{"number":3,"revision":2,"decision":"Approve"}""")] // missing
    [InlineData("""{"vpiId":null,"number":3,"revision":2,"decision":"Approve"}""")] // null where not allowed
    [InlineData("""{"vpiId":"v1","number":3,"revision":2,"decision":"Approve","reviewer":"someone-else"}""")] // extra
    [InlineData("""{"vpiId":"v1","number":"3","revision":2,"decision":"Approve"}""")] // number as text
    [InlineData("""{"vpiId":"v1","number":3.5,"revision":2,"decision":"Approve"}""")]
    [InlineData("""{"vpiId":"v1","number":3,"revision":2,"decision":0}""")] // enum as number
    [InlineData("""{"vpiId":"v1","number":3,"revision":2,"decision":"1"}""")]
    [InlineData("""{"vpiId":"v1","number":3,"revision":2,"decision":"Veto"}""")]
    [InlineData("""{"vpiId":"v1","number":3,"revision":2,"decision":"Approve","comment":{"text":"x"}}""")]
    [InlineData("""{"vpiId":"\ud800","number":3,"revision":2,"decision":"Approve"}""")] // a lone surrogate
    public void Anything_else_is_refused(string json) => Assert.Null(Read(json));
}
