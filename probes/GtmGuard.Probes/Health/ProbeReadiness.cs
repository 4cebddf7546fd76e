using GtmGuard.Probes.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GtmGuard.Probes.Health;

/// <summary>Ready once the first probe round has finished, so a scrape or a page load right after start shows real results.</summary>
internal sealed class ProbeReadiness(ProbeResults results) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(results.Rounds > 0
            ? HealthCheckResult.Healthy($"{results.Rounds} probe round(s) completed.")
            : HealthCheckResult.Unhealthy("The first probe round has not finished yet."));
}
