using System.Net;
using System.Text.Json.Nodes;
using VpiBot.Protocol.Routing;
using VpiBot.Storage.Tables;
using VpiBot.Telemetry;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Telemetry;

/// <summary>
/// The bot's own instruments move with what happens — activities, invokes by verb, Connector calls and 429s, storage
/// conflicts — with constant tags only; and what people write, their names and their conversations' ids reach no
/// exported span, metric or log.
/// </summary>
public sealed class TelemetryTests : BotTest
{
    private readonly ExportedTelemetry _exported = new();

    protected override BotApp CreateApp() => new(new Dictionary<string, string?>
    {
        // everything is logged, so that every log call of a turn is exported and searched
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
    }, services: _exported.AddTo);

    [Fact]
    public async Task A_message_is_counted_by_type_and_gets_a_span()
    {
        using var measured = Measurements.Of(App.Services);

        Assert.Equal(HttpStatusCode.OK, (await App.PostAsync(Teams.PersonalMessage("help"))).StatusCode);

        Assert.Equal(1, measured.Count("vpibot.activities", ("activity.type", "message")));
        // the answer to a message is a reply to it (POST …/activities/{id})
        Assert.Equal(1, measured.Count("vpibot.connector.calls", ("operation", "reply"), ("http.response.status_code", 200)));
        Assert.Equal(1, measured.Count("vpibot.connector.duration", ("operation", "reply"), ("http.response.status_code", 200)));
        ExportedTelemetry.Flush(App.Services);
        Assert.Contains("activity message", _exported.SpanNames);
        Assert.Contains("connector reply", _exported.SpanNames);
    }

    [Fact]
    public async Task An_invoke_is_counted_by_name_and_card_verb()
    {
        using var measured = Measurements.Of(App.Services);
        var verb = App.Services.GetRequiredService<RouteTable>().Cards.Keys.Order(StringComparer.Ordinal).First();

        await App.PostAsync(Teams.CardExecute(verb, new JsonObject { ["vpiId"] = "vpi-none" }, "card-1"));
        await App.PostAsync(Teams.CardExecute("notOurs " + TeamsActivities.Chioma.Name, new JsonObject(), "card-1"));

        Assert.Equal(2, measured.Count("vpibot.activities", ("activity.type", "invoke")));
        Assert.Equal(1, measured.Count("vpibot.invokes", ("invoke.name", "adaptiveCard/action"), ("verb", verb)));
        Assert.Equal(1, measured.Count("vpibot.invokes", ("invoke.name", "adaptiveCard/action"), ("verb", "none"))); // a verb we do not know is not a tag value
        ExportedTelemetry.Flush(App.Services);
        Assert.Contains(_exported.Spans, s => s.StartsWith("activity invoke", StringComparison.Ordinal) && s.Contains("verb=" + verb, StringComparison.Ordinal));
        Assert.DoesNotContain(_exported.All, s => s.Contains("notOurs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_from_Bot_Connector_is_counted_as_throttled()
    {
        using var measured = Measurements.Of(App.Services);
        Connector.Then(429, """{"error":{"code":"TooManyRequests"}}""", retryAfter: "120"); // longer than Connector:Retry:MaxDelay: not waited

        await App.PostAsync(Teams.PersonalMessage("help"));

        Assert.Equal(1, measured.Count("vpibot.connector.calls", ("operation", "reply"), ("http.response.status_code", 429)));
        Assert.Equal(1, measured.Count("vpibot.throttled", ("service", "connector")));
        Assert.Equal(0, measured.Count("vpibot.throttled", ("service", "graph")));
    }

    [Fact]
    public async Task A_storage_conflict_is_counted_by_operation()
    {
        using var measured = Measurements.Of(App.Services);
        var table = App.Services.GetRequiredService<ITableStore>();
        var row = await table.InsertAsync("telemetry-test", "row", "{}", default);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => table.InsertAsync("telemetry-test", "row", "{}", default));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => table.ReplaceAsync("telemetry-test", "row", "{}", "stale-etag", default));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => table.ExecuteBatchAsync("telemetry-test", [new RowOperation.Delete("row", "stale-etag")], default));
        await table.DeleteAsync("telemetry-test", "row", row.ETag, default);

        Assert.Equal(1, measured.Count("vpibot.storage.conflicts", ("operation", "insert")));
        Assert.Equal(1, measured.Count("vpibot.storage.conflicts", ("operation", "replace")));
        Assert.Equal(1, measured.Count("vpibot.storage.conflicts", ("operation", "batch")));
        Assert.Equal(3, measured.Count("vpibot.storage.conflicts"));
    }

    [Fact]
    public Task What_a_person_writes_their_name_and_their_conversation_reach_no_exported_telemetry() =>
        PrivacyCheck.RunAsync(App, Connector, Teams, _exported);

    [Theory]
    [InlineData("POST", "https://smba.example/teams/v3/conversations/a%3A1personal/activities", "send")]
    [InlineData("POST", "https://smba.example/teams/v3/conversations/19%3Ax/activities/1234", "reply")]
    [InlineData("PUT", "https://smba.example/v3/conversations/19%3Ax/activities/1234", "update")]
    [InlineData("DELETE", "https://smba.example/v3/conversations/19%3Ax/activities/1234", "delete")]
    [InlineData("POST", "https://smba.example/v3/conversations", "create_conversation")]
    [InlineData("GET", "https://smba.example/v3/conversations/19%3Ax/pagedmembers?pageSize=50", "get_members")]
    [InlineData("GET", "https://smba.example/v3/conversations/19%3Ax/members/29%3Aperson", "get_member")]
    public void Connector_operations_are_named_without_their_ids(string method, string url, string operation) =>
        Assert.Equal(operation, OutgoingCallsHandler.ConnectorOperation(new HttpRequestMessage(new HttpMethod(method), url)));

    [Theory]
    [InlineData("POST", "https://graph.microsoft.com/v1.0/users/org%40unodc.example/calendar/getSchedule", "get_schedule")]
    [InlineData("POST", "https://graph.microsoft.com/v1.0/users/org%40unodc.example/events", "create_event")]
    [InlineData("GET", "https://graph.microsoft.com/v1.0/users/org%40unodc.example/events/AAMk1", "get_event")]
    [InlineData("PATCH", "https://graph.microsoft.com/v1.0/users/org%40unodc.example/events/AAMk1", "update_event")]
    [InlineData("POST", "https://graph.microsoft.com/v1.0/users/org%40unodc.example/events/AAMk1/cancel", "cancel_event")]
    public void Graph_operations_are_named_without_mailboxes_or_event_ids(string method, string url, string operation) =>
        Assert.Equal(operation, OutgoingCallsHandler.GraphOperation(new HttpRequestMessage(new HttpMethod(method), url)));

    [Fact]
    public void Activity_types_and_invoke_names_a_sender_makes_up_become_other()
    {
        Assert.Equal("message", VpiTelemetry.ActivityTypeTag("message"));
        Assert.Equal("other", VpiTelemetry.ActivityTypeTag("Chioma's own type"));
        Assert.Equal("adaptiveCard/action", VpiTelemetry.InvokeNameTag("adaptiveCard/action"));
        Assert.Equal("other", VpiTelemetry.InvokeNameTag("secret/name"));
    }
}

/// <summary>Nothing is exported, and no OpenTelemetry provider exists, unless an exporter is configured.</summary>
public sealed class TelemetryExportSettingsTests
{
    [Fact]
    public async Task Without_a_connection_string_or_an_OTLP_endpoint_there_is_no_pipeline_at_all()
    {
        await using var app = new BotApp();
        Assert.Null(app.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.Null(app.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.DoesNotContain(app.Services.GetServices<ILoggerProvider>(), p => p is OpenTelemetry.Logs.OpenTelemetryLoggerProvider);
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_traces_metrics_and_logs_are_exported()
    {
        await using var app = new BotApp(new Dictionary<string, string?> { [TelemetryServices.OtlpSetting] = "http://127.0.0.1:9" }); // nothing listens there
        Assert.NotNull(app.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.NotNull(app.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.Contains(app.Services.GetServices<ILoggerProvider>(), p => p is OpenTelemetry.Logs.OpenTelemetryLoggerProvider);
    }
}

/// <summary>
/// Sends "Chioma secret priority text" from Chioma (twice; the first turn fails, so its failure is logged with the
/// exception) and searches everything the app exported for the text, her name, her ids and her chat's id.
/// </summary>
internal static class PrivacyCheck
{
    public static async Task RunAsync(BotApp app, FakeConnector connector, TeamsActivities teams, ExportedTelemetry exported)
    {
        const string Secret = "Chioma secret priority text";
        var chioma = TeamsActivities.Chioma;
        var message = teams.PersonalMessage(Secret, chioma);
        var conversationId = message["conversation"]!["id"]!.GetValue<string>();
        connector.Then(500, """{"error":{"code":"ServiceError","message":"failed"}}"""); // the failure path logs too (with the exception)

        await app.PostAsync(message);
        await app.PostAsync(teams.PersonalMessage(Secret + " again", chioma));
        ExportedTelemetry.Flush(app.Services);

        // the pipeline did export this turn: spans, metrics and logs (at Trace level) were all searched
        Assert.Contains("activity message", exported.SpanNames);
        Assert.Contains(exported.Metrics, m => m.StartsWith("vpibot.activities", StringComparison.Ordinal));
        Assert.Contains(exported.Logs, l => l.Contains("Turn failed", StringComparison.Ordinal));
        Assert.Contains(exported.Spans, s => s.Contains("url.full=" + connector.BaseUrl, StringComparison.Ordinal)); // the HTTP span, its URL cut to the host
        string[] personal =
        [
            Secret, "secret priority", "Chioma", "evil.example.com", chioma.AadObjectId, chioma.Id, conversationId, Uri.EscapeDataString(conversationId),
            "1personal", "1chioma",
        ];
        foreach (var item in exported.All)
        {
            foreach (var text in personal)
            {
                Assert.False(item.Contains(text, StringComparison.OrdinalIgnoreCase), $"'{text}' was exported in: {item}");
            }
        }
    }
}

/// <summary>The same search with Azure Table Storage (Azurite) underneath: its HTTP requests carry row keys in their URLs.</summary>
[Collection(VpiBot.Tests.Storage.AzuriteCollection.Name)]
public sealed class AzureTelemetryPrivacyTests(VpiBot.Tests.Storage.AzuriteFixture azurite) : BotTest
{
    private readonly ExportedTelemetry _exported = new();

    protected override BotApp CreateApp()
    {
        var settings = StorageSettings.Azurite(azurite);
        settings["Logging:LogLevel:Default"] = "Trace";
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        settings["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace";
        return new BotApp(settings, services: _exported.AddTo);
    }

    [Fact]
    public async Task What_a_person_writes_their_name_and_their_conversation_reach_no_exported_telemetry_on_Azure_Tables()
    {
        await PrivacyCheck.RunAsync(App, Connector, Teams, _exported);

        var tables = new Uri(azurite.ConnectionString.Split(';').Single(p => p.StartsWith("TableEndpoint=", StringComparison.Ordinal))["TableEndpoint=".Length..]);
        Assert.Contains(_exported.Spans, s => s.Contains($"url.full={tables.GetLeftPart(UriPartial.Authority)}/ ", StringComparison.Ordinal)
            || s.EndsWith($"url.full={tables.GetLeftPart(UriPartial.Authority)}/", StringComparison.Ordinal)); // Table Storage's requests were traced, cut to the host
    }
}
