using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VpiBot.Telemetry;

/// <summary>
/// The bot's own instruments: one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named
/// <see cref="Name"/>. Every tag value is one of our constants, a status code or a type name — never message text,
/// card inputs, names, e-mail addresses or conversation ids. Whether anything is exported is decided elsewhere
/// (<see cref="TelemetryServices.AddVpiTelemetry"/>); without an exporter the measurements go nowhere.
/// </summary>
public sealed class VpiTelemetry
{
    public const string Name = "VpiBot";

    /// <summary>Spans: one per incoming activity, one per Connector or Graph call (attempt).</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> _activities;
    private readonly Counter<long> _invokes;
    private readonly Counter<long> _connectorCalls;
    private readonly Histogram<double> _connectorDuration;
    private readonly Counter<long> _graphCalls;
    private readonly Histogram<double> _graphDuration;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _storageConflicts;
    private readonly TimeProvider _time;
    private volatile OutboxSample _outbox = new(0, null);

    /// <summary>What the outbox dispatcher saw in its last round: jobs read and when the oldest of them was queued.</summary>
    private sealed record OutboxSample(long Pending, DateTimeOffset? OldestQueuedAt);

    public VpiTelemetry(IMeterFactory meters, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        Meter = meters.Create(Name);
        _activities = Meter.CreateCounter<long>("vpibot.activities", "{activity}", "Incoming activities, by activity.type.");
        _invokes = Meter.CreateCounter<long>("vpibot.invokes", "{invoke}", "Incoming invokes, by invoke.name and card verb.");
        _connectorCalls = Meter.CreateCounter<long>("vpibot.connector.calls", "{call}", "Bot Connector requests (each attempt), by operation and status code.");
        _connectorDuration = Meter.CreateHistogram<double>("vpibot.connector.duration", "s", "Duration of Bot Connector requests (each attempt).");
        _graphCalls = Meter.CreateCounter<long>("vpibot.graph.calls", "{call}", "Microsoft Graph requests (each attempt), by operation and status code.");
        _graphDuration = Meter.CreateHistogram<double>("vpibot.graph.duration", "s", "Duration of Microsoft Graph requests (each attempt).");
        _throttled = Meter.CreateCounter<long>("vpibot.throttled", "{response}", "429 answers seen, by service (connector, graph).");
        _storageConflicts = Meter.CreateCounter<long>("vpibot.storage.conflicts", "{conflict}", "Conditional writes that lost (ConcurrencyConflictException), by operation.");
        Meter.CreateObservableGauge("vpibot.outbox.pending", () => _outbox.Pending, "{job}",
            "Outbox jobs the dispatcher read in its last round (every job of every VPI with work, unless the round stopped early because all senders were busy).");
        Meter.CreateObservableGauge("vpibot.outbox.oldest_age", OldestAge, "s",
            "Age of the oldest outbox job the dispatcher saw in its last round (0 when none).");
    }

    /// <summary>The meter (tests listen to this one only: several apps may share a process).</summary>
    public Meter Meter { get; }

    public static class Services
    {
        public const string Connector = "connector";
        public const string Graph = "graph";
    }

    private static readonly HashSet<string> KnownActivityTypes = new(StringComparer.Ordinal)
    {
        "message", "invoke", "conversationUpdate", "installationUpdate", "messageReaction", "typing", "event",
        "messageUpdate", "messageDelete", "endOfConversation", "contactRelationUpdate", "deleteUserData", "handoff", "trace",
    };

    private static readonly HashSet<string> KnownInvokeNames = new(StringComparer.Ordinal)
    {
        "adaptiveCard/action", "healthCheck", "task/fetch", "task/submit", "signin/verifyState", "signin/tokenExchange",
        "fileConsent/invoke", "actionableMessage/executeAction", "config/fetch", "config/submit", "tab/fetch", "tab/submit",
        "composeExtension/query", "composeExtension/queryLink", "composeExtension/submitAction", "composeExtension/fetchTask",
        "composeExtension/selectItem", "composeExtension/setting", "composeExtension/querySettingUrl", "composeExtension/onCardButtonClicked",
        "message/submitAction", "handoff/action",
    };

    /// <summary>An activity type as a tag: Bot Framework's names, anything else "other" (a sender cannot mint tag values).</summary>
    public static string ActivityTypeTag(string? type) => type is not null && KnownActivityTypes.Contains(type) ? type : "other";

    /// <summary>An invoke name as a tag: Teams' names, anything else "other".</summary>
    public static string InvokeNameTag(string? name) => name is not null && KnownInvokeNames.Contains(name) ? name : "other";

    /// <summary>Starts the span of one incoming activity (null when nobody listens) and counts it.</summary>
    public Activity? IncomingActivity(string? type, string? invokeName)
    {
        var typeTag = ActivityTypeTag(type);
        _activities.Add(1, new KeyValuePair<string, object?>("activity.type", typeTag));
        var span = Source.StartActivity("activity " + typeTag, ActivityKind.Internal);
        span?.SetTag("activity.type", typeTag);
        if (type == "invoke")
        {
            span?.SetTag("invoke.name", InvokeNameTag(invokeName));
        }
        return span;
    }

    /// <summary>Counts an invoke; <paramref name="verb"/> only when it is one of our route table's verbs (else null).</summary>
    public void Invoke(string? name, string? verb)
    {
        _invokes.Add(1, new KeyValuePair<string, object?>("invoke.name", InvokeNameTag(name)), new KeyValuePair<string, object?>("verb", verb ?? "none"));
    }

    /// <summary>Puts a card verb (one of our constants) on the current activity's span.</summary>
    public static void TagVerb(string verb)
    {
        if (Activity.Current is { } span && span.Source == Source)
        {
            span.SetTag("verb", verb);
        }
    }

    /// <summary>One Connector or Graph request (attempt): counter, duration, and a 429 counted as throttled.</summary>
    public void OutgoingCall(string service, string operation, int? status, string? errorType, TimeSpan duration)
    {
        var tags = new TagList { { "operation", operation } };
        if (status is { } code)
        {
            tags.Add("http.response.status_code", code);
        }
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }
        var (calls, durations) = service == Services.Graph ? (_graphCalls, _graphDuration) : (_connectorCalls, _connectorDuration);
        calls.Add(1, tags);
        durations.Record(duration.TotalSeconds, tags);
        if (status == 429)
        {
            _throttled.Add(1, new KeyValuePair<string, object?>("service", service));
        }
    }

    /// <summary>A conditional write lost (<paramref name="operation"/>: insert, replace, delete, batch). Returns false, for use in exception filters.</summary>
    public bool StorageConflict(string operation)
    {
        _storageConflicts.Add(1, new KeyValuePair<string, object?>("operation", operation));
        return false;
    }

    /// <summary>What the outbox dispatcher read in a round: how many jobs, and when the oldest was queued (null: none).</summary>
    public void OutboxObserved(long pending, DateTimeOffset? oldestQueuedAt) => _outbox = new OutboxSample(pending, oldestQueuedAt);

    private double OldestAge() => _outbox.OldestQueuedAt is { } at ? Math.Max(0, (_time.GetUtcNow() - at).TotalSeconds) : 0;
}

/// <summary>Registers <see cref="VpiTelemetry"/> once (the layers that record call this; the host's pipeline is <see cref="TelemetryServices"/>).</summary>
public static class VpiTelemetryRegistration
{
    public static IServiceCollection AddVpiInstruments(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(sp => new VpiTelemetry(sp.GetRequiredService<IMeterFactory>(), sp.GetService<TimeProvider>()));
        return services;
    }
}
