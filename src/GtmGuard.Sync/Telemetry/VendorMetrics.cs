using GtmGuard.Sync.Quotas;
using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Vendors;
using Prometheus;

namespace GtmGuard.Sync.Telemetry;

/// <summary>Every vendor-call metric, declared once against an injectable registry (tests use a private one).</summary>
internal sealed class VendorMetrics
{
    private static readonly double[] DurationBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter _requests;
    private readonly Histogram _duration;
    private readonly Counter _errors;
    private readonly Gauge _quotaRemaining;
    private readonly VendorCallTracker? _tracker;

    public VendorMetrics(CollectorRegistry registry, QuotaRegistry quotas, VendorCallTracker? tracker = null)
    {
        _tracker = tracker;
        var factory = Metrics.WithCustomRegistry(registry);
        _requests = factory.CreateCounter(
            "gtmguard_vendor_requests_total",
            "Vendor HTTP attempts by outcome.",
            new CounterConfiguration { LabelNames = ["vendor", "operation", "outcome"] });
        _duration = factory.CreateHistogram(
            "gtmguard_vendor_request_duration_seconds",
            "Duration of one vendor HTTP attempt on the wire.",
            new HistogramConfiguration { LabelNames = ["vendor", "operation"], Buckets = DurationBuckets });
        _errors = factory.CreateCounter(
            "gtmguard_vendor_errors_total",
            "Vendor HTTP attempts that did not succeed, by error type.",
            new CounterConfiguration { LabelNames = ["vendor", "error_type"] });
        _quotaRemaining = factory.CreateGauge(
            "gtmguard_quota_remaining",
            "Calls the client-side quota limiter will still allow in the window, after what the vendor reported.",
            new GaugeConfiguration { LabelNames = ["vendor", "window"] });
        // Errors by type exist from the start for every vendor, so dashboards and rate() see zeros rather than nothing.
        foreach (var vendor in Enum.GetValues<VendorId>())
        {
            foreach (var outcome in Enum.GetValues<VendorOutcome>().Where(o => o != VendorOutcome.Success))
            {
                _errors.WithLabels(vendor.Label(), outcome.Label());
            }
        }

        // Rolling windows refill without any call, so the gauge is read from the limiters at scrape time.
        registry.AddBeforeCollectCallback(() =>
        {
            foreach (var limiter in quotas.All)
            {
                RecordQuota(limiter);
            }
        });
    }

    public void RecordAttempt(VendorId vendor, string operation, VendorOutcome outcome, TimeSpan duration)
    {
        var label = vendor.Label();
        _requests.WithLabels(label, operation, outcome.Label()).Inc();
        _duration.WithLabels(label, operation).Observe(duration.TotalSeconds);
        _tracker?.Record(vendor, outcome, duration);
        if (outcome != VendorOutcome.Success)
        {
            _errors.WithLabels(label, outcome.Label()).Inc();
        }
    }

    public void RecordQuota(QuotaLimiter limiter)
    {
        foreach (var window in limiter.Snapshot())
        {
            _quotaRemaining.WithLabels(limiter.Vendor.Label(), window.Name).Set(window.Remaining);
        }
    }

    /// <summary>For tests and the health page: attempts so far with these labels.</summary>
    public double RequestCount(VendorId vendor, string operation, VendorOutcome outcome) =>
        _requests.WithLabels(vendor.Label(), operation, outcome.Label()).Value;
}
