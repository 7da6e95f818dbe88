using Microsoft.Extensions.Options;
using VpiBot.Graph;
using VpiBot.Telemetry;
using VpiBot.Tests.Support;

namespace VpiBot.Tests.Telemetry;

/// <summary>Graph calls are counted per attempt by operation and status; a 429 the SDK retries counts as throttled by Graph.</summary>
public sealed class GraphTelemetryTests : IAsyncLifetime
{
    private readonly FakeGraph _graph = new();

    public Task InitializeAsync() => _graph.StartAsync();
    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task A_throttled_getSchedule_that_succeeds_on_retry_counts_both_attempts_and_one_429()
    {
        var services = new ServiceCollection().AddVpiInstruments().BuildServiceProvider();
        var telemetry = services.GetRequiredService<VpiTelemetry>();
        using var measured = new Measurements(telemetry.Meter);
        var options = new GraphOptions { BaseUrl = _graph.GraphBaseUrl, OrganizerMailbox = "organizer@contoso.com", RetryDelaySeconds = 0 };
        using var calendar = new GraphCalendar(Options.Create(options),
            GraphServices.CredentialFor(options, new VpiBot.Protocol.BotFrameworkOptions(), new FakeCredential()), telemetry);
        _graph.ThenError(429, "TooManyRequests", retryAfter: "0");

        var result = await calendar.GetScheduleAsync(null, [new MeetingAttendee("person@contoso.com", "Person", true)],
            new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero));

        Assert.True(result.Succeeded, result.Failure?.Reason);
        Assert.Equal(1, measured.Count("vpibot.graph.calls", ("operation", "get_schedule"), ("http.response.status_code", 429)));
        Assert.Equal(1, measured.Count("vpibot.graph.calls", ("operation", "get_schedule"), ("http.response.status_code", 200)));
        Assert.Equal(2, measured.Count("vpibot.graph.duration", ("operation", "get_schedule")));
        Assert.Equal(1, measured.Count("vpibot.throttled", ("service", "graph")));
        Assert.DoesNotContain(measured.TagsOf("vpibot.graph.calls").SelectMany(t => t), t => $"{t.Value}".Contains("contoso", StringComparison.Ordinal));
    }
}
