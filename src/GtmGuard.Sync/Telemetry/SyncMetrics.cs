using GtmGuard.Sync.Vendors;
using Prometheus;

namespace GtmGuard.Sync.Telemetry;

/// <summary>
/// What the workflows achieved per integration (a vendor connection: <c>hubspot</c>, <c>salesforce</c>, <c>outreach</c>,
/// <c>clay</c>): <c>gtmguard_records_synced_total{integration,result}</c> and
/// <c>gtmguard_sync_last_success_timestamp_seconds{integration}</c> (0 until the first success).
/// </summary>
public sealed class SyncMetrics
{
    private readonly Counter _records;
    private readonly Gauge _lastSuccess;
    private readonly TimeProvider _clock;
    private readonly Dictionary<VendorId, long> _lastSuccessTicks = Enum.GetValues<VendorId>().ToDictionary(v => v, _ => 0L);

    public SyncMetrics(CollectorRegistry registry, TimeProvider clock)
    {
        _clock = clock;
        var factory = Metrics.WithCustomRegistry(registry);
        _records = factory.CreateCounter(
            "gtmguard_records_synced_total",
            "Records the workflows wrote to an integration, by result: written, skipped (nothing to change), dead_lettered.",
            new CounterConfiguration { LabelNames = ["integration", "result"] });
        _lastSuccess = factory.CreateGauge(
            "gtmguard_sync_last_success_timestamp_seconds",
            "Unix time of the last record the workflows wrote to the integration successfully; 0 before the first.",
            new GaugeConfiguration { LabelNames = ["integration"] });

        // Every series exists from the start, so rate(), absent() and staleness alerts work before the first write.
        foreach (var vendor in Enum.GetValues<VendorId>())
        {
            foreach (var result in Enum.GetValues<SyncedRecordResult>())
            {
                _records.WithLabels(vendor.Label(), Label(result));
            }

            _lastSuccess.WithLabels(vendor.Label()).Set(0);
        }
    }

    /// <summary>Counts <paramref name="count"/> records; written and skipped ones also move the last-success time to now.</summary>
    public void Record(VendorId vendor, SyncedRecordResult result, int count = 1)
    {
        if (count <= 0)
        {
            return;
        }

        _records.WithLabels(vendor.Label(), Label(result)).Inc(count);
        if (result != SyncedRecordResult.DeadLettered)
        {
            MarkSynced(vendor, _clock.GetUtcNow());
        }
    }

    /// <summary>Moves the integration's last success to <paramref name="at"/> unless a later one is known.</summary>
    public void MarkSynced(VendorId vendor, DateTimeOffset at)
    {
        lock (_lastSuccessTicks)
        {
            if (at.UtcTicks <= _lastSuccessTicks[vendor])
            {
                return;
            }

            _lastSuccessTicks[vendor] = at.UtcTicks;
            // Set under the lock: two successes finishing together must not leave the gauge on the older one.
            _lastSuccess.WithLabels(vendor.Label()).Set(at.ToUnixTimeMilliseconds() / 1000.0);
        }
    }

    /// <summary>The integration's last successful write, or null before the first.</summary>
    public DateTimeOffset? LastSuccess(VendorId vendor)
    {
        lock (_lastSuccessTicks)
        {
            var ticks = _lastSuccessTicks[vendor];
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>The current count of one series.</summary>
    public double Count(VendorId vendor, SyncedRecordResult result) => _records.WithLabels(vendor.Label(), Label(result)).Value;

    public static string Label(SyncedRecordResult result) => result switch
    {
        SyncedRecordResult.Written => "written",
        SyncedRecordResult.Skipped => "skipped",
        SyncedRecordResult.DeadLettered => "dead_lettered",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };
}
