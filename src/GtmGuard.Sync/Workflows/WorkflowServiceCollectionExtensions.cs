using GtmGuard.Sync.Vendors.Salesforce;
using GtmGuard.Sync.Webhooks;
using GtmGuard.Sync.Workflows.Enrichment;
using GtmGuard.Sync.Workflows.OptOut;
using GtmGuard.Sync.Workflows.Outbox;
using GtmGuard.Sync.Workflows.Qualified;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Workflows;

/// <summary>Registers the three workflows: their inbox handlers, the outbox sender and its background worker.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds the enabled workflows' <see cref="IInboxEventHandler"/>s, the <see cref="LeadSubmitter"/>, the
    /// <see cref="OutboxSender"/> and the outbox worker (options from <c>Sync:Workflows</c>, validated at start-up).
    /// Needs the store, the vendor clients and the webhook intake registered too.
    /// </summary>
    public static IServiceCollection AddGtmGuardWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WorkflowOptions>()
            .Bind(configuration.GetSection(WorkflowOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection(WorkflowOptions.Section + ":Outbox"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.PostConfigure<SalesforceOptions>(salesforce =>
        {
            if (configuration.GetSection(WorkflowOptions.Section).Get<WorkflowOptions>()?.BulkThreshold is { } threshold)
            {
                salesforce.BulkThreshold = threshold;
            }
        });

        var workflows = configuration.GetSection(WorkflowOptions.Section).Get<WorkflowOptions>() ?? new WorkflowOptions();
        if (workflows.Enrichment)
        {
            services.AddSingleton<IInboxEventHandler, EnrichmentHandler>();
            services.AddSingleton<IOutboxOperation, HubSpotUpsertOperation>();
            services.AddSingleton<IOutboxOperation, SalesforceUpsertOperation>();
        }

        if (workflows.Qualified)
        {
            services.AddSingleton<IInboxEventHandler, QualifiedLeadHandler>();
            services.AddSingleton<IOutboxOperation, OutreachEnrollOperation>();
        }

        if (workflows.OptOut)
        {
            services.AddSingleton<IInboxEventHandler, OptOutHandler>();
            services.AddSingleton<IOutboxOperation, OutreachOptOutOperation>();
            services.AddSingleton<IOutboxOperation, HubSpotOptOutOperation>();
            services.AddSingleton<IOutboxOperation, SalesforceOptOutOperation>();
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LeadSubmitter(
            sp.GetRequiredService<Vendors.Clay.ClayClient>(),
            sp.GetRequiredService<Storage.ISyncStore>(),
            sp.GetRequiredService<ILogger<LeadSubmitter>>(),
            sp.GetService<Telemetry.SyncMetrics>()));
        services.TryAddSingleton(sp => new OutboxSender(
            sp.GetRequiredService<Storage.ISyncStore>(),
            sp.GetServices<IOutboxOperation>(),
            sp.GetRequiredService<IOptions<WorkflowOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxSender>>(),
            sp.GetService<Telemetry.SyncMetrics>()));
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}
