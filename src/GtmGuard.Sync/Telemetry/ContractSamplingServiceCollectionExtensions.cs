using GtmGuard.Contracts.Sampling;
using GtmGuard.Contracts.Snapshots;
using GtmGuard.Contracts.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace GtmGuard.Sync.Telemetry;

/// <summary>Turns on live contract sampling for every vendor client: findings count in <c>gtmguard_contract_drift_findings_total</c>.</summary>
public static class ContractSamplingServiceCollectionExtensions
{
    public static IServiceCollection AddGtmGuardContractSampling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContractSamplingSettings>()
            .Bind(configuration.GetSection(ContractSamplingSettings.Section))
            .ValidateDataAnnotations()
            .Validate(s => Directory.Exists(s.SnapshotsDirectory), $"{ContractSamplingSettings.Section}:SnapshotsDirectory does not name an existing folder of OpenAPI snapshots.")
            .ValidateOnStart();
        services.TryAddSingleton(Metrics.DefaultRegistry);
        services.TryAddSingleton(provider => new ContractMetrics(provider.GetRequiredService<CollectorRegistry>()));
        services.TryAddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<ContractSamplingSettings>>().Value;
            // Snapshots load once, at start-up; a broken snapshot stops the start with the file's name.
            var snapshots = SnapshotLoader.LoadDirectoryAsync(settings.SnapshotsDirectory).GetAwaiter().GetResult();
            var options = new ContractSamplerOptions { SampleRate = settings.SampleRate, MaxBodyBytes = settings.MaxBodyBytes };
            options.Validate();
            return new ContractSampler(new ContractChecker(snapshots, checkRejectedRequests: false), options, provider.GetRequiredService<ContractMetrics>());
        });
        return services;
    }
}
