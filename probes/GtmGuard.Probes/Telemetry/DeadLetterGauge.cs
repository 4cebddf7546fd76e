using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using Prometheus;

namespace GtmGuard.Probes.Telemetry;

/// <summary>
/// <c>gtmguard_dead_letters{integration}</c>: dead letters not yet replayed, read from the sync store at scrape time so
/// the count is right whichever process wrote them.
/// </summary>
internal sealed class DeadLetterGauge
{
    private readonly Gauge _deadLetters;
    private readonly ISyncStore? _store;

    public DeadLetterGauge(CollectorRegistry registry, ISyncStore? store)
    {
        _store = store;
        _deadLetters = Metrics.WithCustomRegistry(registry).CreateGauge(
            "gtmguard_dead_letters",
            "Dead letters waiting for a replay, per integration (read from the sync store at scrape time).",
            new GaugeConfiguration { LabelNames = ["integration"] });
        foreach (var integration in Enum.GetValues<VendorId>())
        {
            _deadLetters.WithLabels(integration.Label()).Set(0);
        }

        registry.AddBeforeCollectCallback(RefreshAsync);
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return;
        }

        // One grouped count: cheap at any backlog size, and bodies are never read at scrape time.
        var pending = await _store.CountPendingDeadLettersAsync(cancellationToken).ConfigureAwait(false);
        foreach (var integration in Enum.GetValues<VendorId>())
        {
            _deadLetters.WithLabels(integration.Label()).Set(pending.GetValueOrDefault(integration));
        }
    }
}
