using System.Net;
using System.Net.Http.Headers;
using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Quotas;

/// <summary>
/// Waits for the account's permit before each attempt and feeds the vendor's usage headers back to the limiter.
/// When no permit comes within the policy's maximum wait, answers a local 429 with <c>Retry-After</c> instead of
/// calling the vendor.
/// </summary>
internal sealed class QuotaHandler : DelegatingHandler
{
    /// <summary>Marks a 429 the client made up itself; the vendor never saw the call.</summary>
    public const string LocalRejectionHeader = "X-GtmGuard-Quota";

    private readonly QuotaLimiter _limiter;
    private readonly VendorMetrics _metrics;
    private readonly TimeProvider _clock;

    public QuotaHandler(QuotaLimiter limiter, VendorMetrics metrics, TimeProvider clock)
    {
        _limiter = limiter;
        _metrics = metrics;
        _clock = clock;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(VendorRequest.Lane(request), cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            return LocalRejection(request, lease.RetryAfter);
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lease.Dispose();
        }

        _limiter.Observe(_limiter.Policy.ReadHeaders(response.Headers, _clock.GetUtcNow()));
        _metrics.RecordQuota(_limiter);
        return response;
    }

    private static HttpResponseMessage LocalRejection(HttpRequestMessage request, TimeSpan retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            RequestMessage = request,
            Content = new StringContent("{\"message\":\"Client-side quota exhausted; the call was not sent.\"}"),
        };
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(Math.Ceiling(retryAfter.TotalSeconds)));
        response.Headers.TryAddWithoutValidation(LocalRejectionHeader, "exhausted");
        return response;
    }
}
