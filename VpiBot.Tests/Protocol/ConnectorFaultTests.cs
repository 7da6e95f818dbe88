using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Protocol;

/// <summary>
/// A turn when Bot Connector misbehaves (issue 8): hung, throttling with a long Retry-After. The turn is always answered
/// within its bounds (Connector:Timeout / AttemptTimeout for the reply, Connector:ApologyTimeout for the apology), and
/// the user is never apologised to in a conversation that just said "too many requests". Time is the app's fake clock.
/// </summary>
public sealed class ConnectorFaultTests : BotTest
{
    private readonly FakeTimeProvider _time = new();

    protected override BotApp CreateApp() => new(new()
    {
        ["Connector:Timeout"] = "00:00:15",
        ["Connector:AttemptTimeout"] = "00:00:10",
        ["Connector:ApologyTimeout"] = "00:00:05",
    }, services: s => s.AddSingleton<TimeProvider>(_time));

    private TimeSpan Elapsed => _time.GetUtcNow() - _time.Start;

    /// <summary>A Connector that never answers (until the bot gives up and closes the connection).</summary>
    private static async Task Hang(HttpContext http)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<string> ReferenceOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["reference"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_hung_Connector_holds_the_turn_for_the_attempt_bound_then_the_apology_for_its_own_bound_and_the_turn_is_answered()
    {
        Connector.ThenAnswer(Hang); // the reply
        Connector.ThenAnswer(Hang); // the apology

        var turn = App.PostAsync(Teams.PersonalMessage("help"));
        await Connector.WaitForCallsAsync(1);
        _time.Advance(TimeSpan.FromSeconds(10)); // the reply is a POST: given up at the attempt bound, not sent again
        var calls = await Connector.WaitForCallsAsync(2);
        Assert.Equal(2, calls.Length);
        Assert.False(turn.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(5)); // the apology's own bound
        var response = await turn.WaitAsync(TimeSpan.FromSeconds(10));

        var reference = await ReferenceOf(response);
        Assert.Equal(TimeSpan.FromSeconds(15), Elapsed);
        Assert.Equal(2, Connector.Calls.Count);
        Assert.NotNull(calls[0].Card);
        Assert.Contains(reference, calls[1].Text);
    }

    [Fact]
    public async Task A_429_asking_for_120_s_is_not_waited_out_and_no_apology_is_sent_into_the_throttled_conversation()
    {
        Connector.Then(429, """{"error":{"code":"Throttled","message":"Too many requests"}}""", retryAfter: "120");

        var response = await App.PostAsync(Teams.PersonalMessage("help")).WaitAsync(TimeSpan.FromSeconds(10));

        await ReferenceOf(response);
        Assert.Single(Connector.Calls); // no retry, no apology
        Assert.Equal(TimeSpan.Zero, Elapsed); // nothing was waited
    }

    [Fact]
    public async Task A_send_answered_504_is_not_sent_again_so_the_user_never_gets_the_card_twice()
    {
        Connector.Then(504);

        var response = await App.PostAsync(Teams.PersonalMessage("help")).WaitAsync(TimeSpan.FromSeconds(10));

        var reference = await ReferenceOf(response);
        var calls = Connector.Calls.ToArray();
        Assert.Equal(2, calls.Length); // the card once, then the apology
        Assert.NotNull(calls[0].Card);
        Assert.Contains(reference, calls[1].Text);
    }

    [Fact]
    public async Task A_throttled_apology_is_tried_once_and_the_turn_still_answers()
    {
        Connector.Then(500); // the reply: may have been delivered, not retried
        Connector.Then(429, retryAfter: "120"); // the apology

        var response = await App.PostAsync(Teams.PersonalMessage("help")).WaitAsync(TimeSpan.FromSeconds(10));

        await ReferenceOf(response);
        Assert.Equal(2, Connector.Calls.Count);
    }
}
