using Microsoft.Extensions.DependencyInjection;

namespace GtmGuard.Sync.Telemetry;

/// <summary>Creates the vendor layer's metrics up front, so <c>/metrics</c> names every one of them before the first call.</summary>
public static class TelemetryServiceProviderExtensions
{
    /// <summary>Resolves the vendor-call and sync metrics (registered by <c>AddGtmGuardVendorClients</c>), declaring their series.</summary>
    public static IServiceProvider InitializeGtmGuardMetrics(this IServiceProvider services)
    {
        services.GetRequiredService<VendorMetrics>();
        services.GetRequiredService<SyncMetrics>();
        return services;
    }
}
