using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Webhooks;

/// <summary>Registers the webhook intake and the inbox processor.</summary>
public static class WebhookIntakeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the intake (options from <c>Sync:Intake</c>, secrets resolved and validated at start-up), the inbox processor
    /// as a hosted service (options from <c>Sync:Inbox</c>) and <see cref="WebhookMetrics"/>. Needs an <c>ISyncStore</c>
    /// and <c>IInboxBatchStore</c>
    /// (<c>AddGtmGuardSyncStore</c>); register <see cref="IInboxEventHandler"/>s to act on events. Map the endpoints with
    /// <see cref="WebhookApi.MapGtmGuardWebhooks"/>.
    /// </summary>
    public static IServiceCollection AddGtmGuardWebhookIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookIntakeOptions>()
            .Bind(configuration.GetSection(WebhookIntakeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookIntakeOptions>, WebhookIntakeOptionsValidator>());
        services.AddOptions<InboxProcessorOptions>()
            .Bind(configuration.GetSection(InboxProcessorOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new WebhookMetrics());
        services.TryAddSingleton<InboxSignal>();
        services.TryAddSingleton<HubSpotWebhookSource>();
        services.TryAddSingleton<OutreachWebhookSource>();
        services.TryAddSingleton<ClayWebhookSource>();
        services.TryAddSingleton<InboxAppendBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxAppendBatcher>());
        services.TryAddSingleton<WebhookIntake>();
        services.TryAddSingleton(sp => new InboxProcessor(
            sp.GetRequiredService<Storage.ISyncStore>(),
            sp.GetServices<IInboxEventHandler>(),
            sp.GetRequiredService<WebhookMetrics>(),
            sp.GetRequiredService<InboxSignal>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<InboxProcessorOptions>>(),
            sp.GetRequiredService<ILogger<InboxProcessor>>()));
        services.AddHostedService(sp => sp.GetRequiredService<InboxProcessor>());
        return services;
    }
}
