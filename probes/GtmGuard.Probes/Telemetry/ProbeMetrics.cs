using GtmGuard.Probes.Checks;
using GtmGuard.Sync.Vendors;
using Prometheus;

namespace GtmGuard.Probes.Telemetry;

/// <summary>
/// The probe service's own metrics: <c>gtmguard_probe_success{integration,check}</c> (1 or 0; NaN until the check first
/// ran) and <c>gtmguard_probe_duration_seconds{integration,check}</c> of the latest run of each check.
/// </summary>
internal sealed class ProbeMetrics
{
    private readonly Gauge _success;
    private readonly Gauge _duration;

    public ProbeMetrics(CollectorRegistry registry, ProbeOptions options)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _success = factory.CreateGauge(
            "gtmguard_probe_success",
            "Whether the latest synthetic check of the integration passed (1) or failed (0); NaN before it first ran.",
            new GaugeConfiguration { LabelNames = ["integration", "check"] });
        _duration = factory.CreateGauge(
            "gtmguard_probe_duration_seconds",
            "How long the latest synthetic check of the integration took, retries included.",
            new GaugeConfiguration { LabelNames = ["integration", "check"] });

        // The series of every enabled check exist from the start, so the metric names are there before the first round.
        foreach (var integration in Enum.GetValues<VendorId>())
        {
            var probe = options.For(integration);
            if (!probe.Enabled)
            {
                continue;
            }

            foreach (var check in ProbeCheck.All.Where(c => c != ProbeCheck.Write || probe.WriteAndVerify))
            {
                _success.WithLabels(integration.Label(), check).Set(double.NaN);
                _duration.WithLabels(integration.Label(), check).Set(double.NaN);
            }
        }
    }

    public void Record(VendorId integration, CheckResult result)
    {
        _success.WithLabels(integration.Label(), result.Check).Set(result.Success ? 1 : 0);
        _duration.WithLabels(integration.Label(), result.Check).Set(result.Duration.TotalSeconds);
    }

    /// <summary>The current value of one success series (NaN before the check ran).</summary>
    public double Success(VendorId integration, string check) => _success.WithLabels(integration.Label(), check).Value;
}
