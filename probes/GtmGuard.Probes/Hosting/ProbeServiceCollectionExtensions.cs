using GtmGuard.Contracts.Sampling;
using GtmGuard.Probes.Checks;
using GtmGuard.Probes.Dashboard;
using GtmGuard.Probes.Health;
using GtmGuard.Probes.Telemetry;
using GtmGuard.Sync;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Webhooks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;

namespace GtmGuard.Probes.Hosting;

/// <summary>Registers and maps the probe service: probes, dashboard, <c>/api/health</c>, health endpoints and <c>/metrics</c>.</summary>
public static class ProbeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the probe service (options from <c>Probes</c>, validated at start-up). With <paramref name="syncCore"/> it
    /// shares that container's vendor clients, token caches, quota limiters, trackers, metrics registry and store; without
    /// it, it registers its own vendor clients (<c>Sync:Vendors:*</c>) and store (<c>Sync:Store</c>).
    /// </summary>
    public static IServiceCollection AddGtmGuardProbes(this IServiceCollection services, IConfiguration configuration, IServiceProvider? syncCore = null)
    {
        services.AddOptions<ProbeOptions>()
            .Bind(configuration.GetSection(ProbeOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Interval > TimeSpan.Zero, "Probes:Interval must be positive.")
            .Validate(o => o.CheckTimeout > TimeSpan.Zero, "Probes:CheckTimeout must be positive.")
            .Validate(o => o.Window >= TimeSpan.FromSeconds(1) && o.Window <= o.MaxWindow, "Probes:Window must be at least 1 s and at most Probes:MaxWindow.")
            .Validate(o => o.DashboardRefresh >= TimeSpan.FromMilliseconds(500), "Probes:DashboardRefresh must be at least 500 ms.")
            .Validate(o => new[] { o.HubSpot, o.Outreach, o.Clay, (IntegrationProbeOptions)o.Salesforce }.All(Valid), "Probes:{Integration}:Canary and Sandbox must not be empty; Probes:Salesforce:SObject and ExternalIdField must be API names.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProbeOptions>, ProbeUrlValidator>());

        if (syncCore is null)
        {
            services.AddGtmGuardVendorClients(configuration);
            services.AddGtmGuardSyncStore(configuration);
            services.AddSingleton(provider => new SyncCoreServices(provider));
        }
        else
        {
            services.AddSingleton(new SyncCoreServices(syncCore));
            services.AddSingleton(syncCore.GetRequiredService<TimeProvider>());
        }

        services.AddSingleton<ProbeResults>();
        services.AddSingleton(provider => new ProbeMetrics(Registry(provider), provider.GetRequiredService<IOptions<ProbeOptions>>().Value));
        services.AddSingleton(provider => new DeadLetterGauge(Registry(provider), Core(provider).GetService<ISyncStore>(), provider.GetRequiredService<ILogger<DeadLetterGauge>>()));
        services.AddSingleton<HealthReporter>();
        services.AddSingleton<ProbeRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<ProbeRunner>());
        services.AddHealthChecks().AddCheck<ProbeReadiness>("probes", tags: [HealthApi.ReadyTag]);
        return services;
    }

    /// <summary>Maps <c>/</c>, <c>/assets/*</c>, <c>/api/health</c>, <c>/api/probes/run</c>, <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapGtmGuardProbes(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var registry = Registry(services);

        // Every metric the dashboards and rules name exists from the first scrape, before any traffic.
        services.GetRequiredService<ProbeMetrics>();
        services.GetRequiredService<DeadLetterGauge>();
        services.GetRequiredService<HealthReporter>();
        Core(services).InitializeGtmGuardMetrics();
        _ = Core(services).GetService<ContractMetrics>() ?? new ContractMetrics(registry);
        _ = Core(services).GetService<WebhookMetrics>() ?? new WebhookMetrics(registry);

        endpoints.MapDashboard();
        endpoints.MapHealthApi();
        endpoints.MapMetrics("/metrics", registry);
        return endpoints;
    }

    private static IServiceProvider Core(IServiceProvider provider) => provider.GetRequiredService<SyncCoreServices>().Provider;

    private static CollectorRegistry Registry(IServiceProvider provider) => Core(provider).GetRequiredService<CollectorRegistry>();

    private static bool Valid(IntegrationProbeOptions options) =>
        !string.IsNullOrWhiteSpace(options.Canary) && !string.IsNullOrWhiteSpace(options.Sandbox)
        && (options is not SalesforceProbeOptions salesforce || (ApiName(salesforce.SObject) && ApiName(salesforce.ExternalIdField)));

    private static bool ApiName(string name) =>
        name.Length > 0 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
