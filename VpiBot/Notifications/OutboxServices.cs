using Microsoft.Extensions.DependencyInjection.Extensions;
using VpiBot.Domain;
using VpiBot.Storage;
using VpiBot.Telemetry;

namespace VpiBot.Notifications;

/// <summary>Registration of the durable outbox, its event handlers and its message views.</summary>
public static class OutboxServices
{
    /// <summary>The Connector client the outbox sends with: no inline retries (a throttled send is rescheduled instead), bounded.</summary>
    public const string ConnectorClientName = "VpiBot.Outbox.Connector";

    /// <summary>
    /// The durable outbox: <see cref="OutboxStore"/> for features to commit events with their changes, and the
    /// <see cref="OutboxDispatcher"/> that delivers them (settings <c>Outbox:…</c>, see <see cref="OutboxOptions"/>).
    /// Needs the protocol layer (<c>AddBotProtocol</c>) and an <c>ITableStore</c>. Calling it twice registers it once.
    /// </summary>
    public static IServiceCollection AddVpiOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(OutboxDispatcher)))
        {
            return services;
        }
        services.Configure<OutboxOptions>(configuration.GetSection("Outbox"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddVpiInstruments();
        services.TryAddSingleton<VpiStore>();
        services.TryAddSingleton<IConversationReferenceStore, TableConversationReferences>();
        services.TryAddSingleton<PersonSettingsStore>();
        services.AddSingleton<WakeSignal>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<VpiSnapshots>();
        services.AddScoped<DeliverySender>();
        services.AddHttpClient(ConnectorClientName, (sp, c) =>
            c.Timeout = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<OutboxOptions>>().Value.SendTimeout + TimeSpan.FromSeconds(5))
            .AddHttpMessageHandler(sp => new OutgoingCallsHandler(sp.GetRequiredService<VpiTelemetry>(), VpiTelemetry.Services.Connector));
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddVpiEventHandler<MessagesRequested, MessagesRequestedHandler>();
        services.AddMessageView<ResourceTextView>();
        return services;
    }

    /// <summary>Registers a handler of one event type (several handlers per type may be registered; each adds its deliveries).</summary>
    public static IServiceCollection AddVpiEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IVpiEvent
        where THandler : class, IVpiEventHandler<TEvent>
    {
        services.AddScoped<IVpiEventHandler<TEvent>, THandler>();
        if (!services.Any(d => d.ServiceType == typeof(VpiEventType) && d.ImplementationInstance is VpiEventType t && t.Type == typeof(TEvent)))
        {
            services.AddSingleton(VpiEventType.Of<TEvent>());
        }
        return services;
    }

    /// <summary>Registers a message view; deliveries name it by <see cref="IMessageView.Name"/>.</summary>
    public static IServiceCollection AddMessageView<TView>(this IServiceCollection services) where TView : class, IMessageView
    {
        services.AddScoped<IMessageView, TView>();
        return services;
    }
}
