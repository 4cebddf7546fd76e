using GtmGuard.Contracts.Sampling;
using GtmGuard.Sync.Auth;
using GtmGuard.Sync.Quotas;
using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.Clay;
using GtmGuard.Sync.Vendors.HubSpot;
using GtmGuard.Sync.Vendors.Outreach;
using GtmGuard.Sync.Vendors.Salesforce;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace GtmGuard.Sync;

/// <summary>Registers the engine's HTTP layer: the four typed vendor clients and everything behind them.</summary>
public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="HubSpotClient"/>, <see cref="SalesforceClient"/>, <see cref="OutreachClient"/> and <see cref="ClayClient"/>,
    /// configured from <c>Sync:Vendors:{HubSpot,Salesforce,Outreach,Clay}</c> and validated at start-up. A vendor whose
    /// section is absent is not validated; resolving its client then fails naming the section.
    /// Uses the <see cref="TimeProvider"/> and Prometheus <see cref="CollectorRegistry"/> already registered, if any.
    /// </summary>
    public static IServiceCollection AddGtmGuardVendorClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Metrics.DefaultRegistry);
        services.TryAddSingleton<QuotaRegistry>();
        services.TryAddSingleton<VendorCallTracker>();
        services.TryAddSingleton<VendorMetrics>();
        services.TryAddSingleton<SyncMetrics>();
        services.TryAddSingleton(provider => new VendorDiagnostics(provider, provider.GetRequiredService<QuotaRegistry>()));
        HubSpotRegistration.Add(services, configuration);
        SalesforceRegistration.Add(services, configuration);
        OutreachRegistration.Add(services, configuration);
        ClayRegistration.Add(services, configuration);
        return services;
    }

    /// <summary>
    /// The handler chain of every vendor client, outermost first: auth → call pipeline (total timeout, retry, circuit
    /// breaker) → quota → metrics → exchange recording → attempt timeout → network, with contract sampling just inside auth.
    /// </summary>
    internal static void AddVendorHandlers(this IHttpClientBuilder builder, VendorId vendor, Func<IServiceProvider, ITokenSource?> tokens)
    {
        // Auth is outermost so a 401 refreshes once per call, not per retry; the retry sits outside quota so every retry
        // waits for a permit again; metrics and the attempt timeout are innermost so they see exactly what reaches the wire.
        builder.AddHttpMessageHandler(provider => tokens(provider) is { } source
            ? new AuthHandler(source, vendor, Logger(provider, "Auth"))
            : new PassThroughHandler());
        // Contract sampling sees each call's final response, once, whatever the retries did (only when registered).
        builder.AddHttpMessageHandler(provider => provider.GetService<ContractSampler>() is { } sampler
            ? new ContractSamplingHandler(sampler, vendor.Label())
            : new PassThroughHandler());
        builder.AddResilienceHandler("call", (pipeline, context) => VendorPipelines.ConfigureCall(
            pipeline,
            vendor,
            Profile(context.ServiceProvider, vendor).Resilience,
            context.ServiceProvider.GetRequiredService<TimeProvider>(),
            Logger(context.ServiceProvider, "Resilience")));
        builder.AddHttpMessageHandler(provider => new QuotaHandler(
            Limiter(provider, vendor),
            provider.GetRequiredService<VendorMetrics>(),
            provider.GetRequiredService<TimeProvider>()));
        builder.AddHttpMessageHandler(provider => new MetricsHandler(vendor, provider.GetRequiredService<VendorMetrics>(), provider.GetRequiredService<TimeProvider>()));
        // Every attempt as sent and answered, for the dead letters of writes that fail for good.
        builder.AddHttpMessageHandler(_ => new ExchangeRecordingHandler());
        builder.AddResilienceHandler("attempt", (pipeline, context) =>
            VendorPipelines.ConfigureAttempt(pipeline, Profile(context.ServiceProvider, vendor).Resilience));
    }

    /// <summary>The limiter of the vendor's account, shared by every client of that account.</summary>
    internal static QuotaLimiter Limiter(IServiceProvider provider, VendorId vendor)
    {
        var profile = Profile(provider, vendor);
        return provider.GetRequiredService<QuotaRegistry>().For(vendor, profile.Account, profile.Quota);
    }

    private static VendorProfile Profile(IServiceProvider provider, VendorId vendor) => provider.GetRequiredKeyedService<VendorProfile>(vendor);

    private static ILogger Logger(IServiceProvider provider, string area) =>
        provider.GetRequiredService<ILoggerFactory>().CreateLogger("GtmGuard.Sync." + area);

    /// <summary>For clients whose calls carry no credential (a Clay webhook source without a token).</summary>
    private sealed class PassThroughHandler : DelegatingHandler
    {
    }
}
