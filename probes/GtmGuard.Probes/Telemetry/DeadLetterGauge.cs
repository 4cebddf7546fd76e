using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace GtmGuard.Probes.Telemetry;

/// <summary>
/// <c>gtmguard_dead_letters{integration}</c>: dead letters not yet replayed, read from the sync store at scrape time so
/// the count is right whichever process wrote them.
/// </summary>
internal sealed partial class DeadLetterGauge
{
    private readonly Gauge _deadLetters;
    private readonly ISyncStore? _store;
    private readonly ILogger _logger;

    public DeadLetterGauge(CollectorRegistry registry, ISyncStore? store, ILogger<DeadLetterGauge> logger)
    {
        _store = store;
        _logger = logger;
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

        IReadOnlyDictionary<VendorId, long> pending;
        try
        {
            // One grouped count: cheap at any backlog size, and bodies are never read at scrape time.
            pending = await _store.CountPendingDeadLettersAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A busy or locked store (another process writing) must not fail the whole scrape: keep the last counts.
            LogCountFailed(ex.GetType().Name, ex.Message);
            return;
        }

        foreach (var integration in Enum.GetValues<VendorId>())
        {
            _deadLetters.WithLabels(integration.Label()).Set(pending.GetValueOrDefault(integration));
        }
    }

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Could not count dead letters for /metrics; keeping the last counts: {ErrorType}: {Error}")]
    private partial void LogCountFailed(string errorType, string error);
}
