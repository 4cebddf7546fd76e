using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Telemetry;

/// <summary>Records each attempt that reaches the wire: count by outcome, duration, errors by type.</summary>
internal sealed class MetricsHandler : DelegatingHandler
{
    private readonly VendorId _vendor;
    private readonly VendorMetrics _metrics;
    private readonly TimeProvider _clock;

    public MetricsHandler(VendorId vendor, VendorMetrics metrics, TimeProvider clock)
    {
        _vendor = vendor;
        _metrics = metrics;
        _clock = clock;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = VendorRequest.Operation(request);
        var started = _clock.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (OutcomeClassifier.TryClassify(ex, cancellationToken, out var failure))
        {
            _metrics.RecordAttempt(_vendor, operation, failure, _clock.GetElapsedTime(started));
            throw;
        }

        var outcome = await OutcomeClassifier.ClassifyAsync(_vendor, response, cancellationToken).ConfigureAwait(false);
        _metrics.RecordAttempt(_vendor, operation, outcome, _clock.GetElapsedTime(started));
        return response;
    }
}
