using GtmGuard.Probes.Checks;
using GtmGuard.Probes.Hosting;
using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GtmGuard.Probes.Health;

/// <summary>Builds the health report from the call tracker, the probe results, the sync metrics and the quota limiters.</summary>
internal sealed class HealthReporter
{
    private readonly VendorCallTracker _calls;
    private readonly SyncMetrics _sync;
    private readonly VendorDiagnostics _diagnostics;
    private readonly ProbeResults _probes;
    private readonly ProbeOptions _options;
    private readonly TimeProvider _clock;

    public HealthReporter(SyncCoreServices core, ProbeResults probes, IOptions<ProbeOptions> options, TimeProvider clock)
    {
        _calls = core.Provider.GetRequiredService<VendorCallTracker>();
        _sync = core.Provider.GetRequiredService<SyncMetrics>();
        _diagnostics = core.Provider.GetRequiredService<VendorDiagnostics>();
        _probes = probes;
        _options = options.Value;
        _clock = clock;
    }

    public HealthReport Build(TimeSpan window) => new(
        _clock.GetUtcNow(),
        window.TotalSeconds,
        _options.SuccessThreshold,
        _options.DashboardRefresh.TotalSeconds,
        Enum.GetValues<VendorId>().Select(v => Integration(v, window)).ToList());

    private IntegrationHealth Integration(VendorId integration, TimeSpan window)
    {
        var calls = _calls.Summarize(integration, window);
        var status = calls.SuccessRate switch
        {
            null => "no_data",
            var rate when rate < _options.SuccessThreshold => "failing",
            _ => "healthy",
        };
        return new IntegrationHealth(
            integration.Label(),
            status,
            calls.Requests,
            calls.Successes,
            calls.SuccessRate,
            Math.Round(calls.Average.TotalMilliseconds, 1),
            Math.Round(calls.P95.TotalMilliseconds, 1),
            calls.ErrorsByType,
            calls.ErrorsByType.Values.Sum(),
            _sync.LastSuccess(integration),
            _diagnostics.Quota(integration).Select(q => new QuotaLeft(q.Account, q.Window, q.Limit, q.Remaining)).ToList(),
            _probes.Latest(integration).Select(p => new ProbeStatus(p.Check, p.Success, Math.Round(p.Duration.TotalMilliseconds, 1), p.At, p.Outcome, p.Error)).ToList(),
            _options.For(integration).Enabled ? _probes.Unavailable(integration) : "Probes for this integration are switched off.");
    }
}
