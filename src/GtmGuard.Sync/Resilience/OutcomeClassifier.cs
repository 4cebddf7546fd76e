using System.Text.Json;
using GtmGuard.Sync.Auth;
using GtmGuard.Sync.Vendors;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace GtmGuard.Sync.Resilience;

/// <summary>Maps a vendor response or a transport failure to the closed <see cref="VendorOutcome"/> set.</summary>
internal static class OutcomeClassifier
{
    /// <summary>Salesforce answers a spent daily allocation with 403 and this error code (vendor-facts §1.8).</summary>
    public const string SalesforceRequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED";

    public static async ValueTask<VendorOutcome> ClassifyAsync(VendorId vendor, HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var status = (int)response.StatusCode;
        if (status == 403 && vendor == VendorId.Salesforce)
        {
            var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            return body.Contains(SalesforceRequestLimitExceeded, StringComparison.Ordinal) ? VendorOutcome.RateLimited : VendorOutcome.Unauthorized;
        }

        return Classify(status);
    }

    /// <summary>The outcome a status code means on its own, for every vendor.</summary>
    public static VendorOutcome Classify(int status) => status switch
    {
        >= 200 and < 300 => VendorOutcome.Success,
        401 or 403 => VendorOutcome.Unauthorized,
        404 or 410 => VendorOutcome.NotFound,
        408 or 504 or 524 => VendorOutcome.Timeout,
        // 423 Locked (HubSpot: wait ≥ 2 s), 477 Migration in Progress and Clay's 402 (credits spent) are quota waits, like a 429.
        429 or 423 or 477 or 402 => VendorOutcome.RateLimited,
        >= 500 => VendorOutcome.ServerError,
        // 400, 409 (HubSpot conflict), 422 (Outreach), 300 (Salesforce ext-id multi-match) and the rest: the data is refused.
        _ => VendorOutcome.Validation,
    };

    /// <summary>
    /// The outcome a failure to get a response means; false for the caller's own cancellation, which is not a vendor outcome.
    /// </summary>
    public static bool TryClassify(Exception exception, CancellationToken callerToken, out VendorOutcome outcome)
    {
        outcome = exception switch
        {
            TokenRequestException token => token.Outcome,
            TimeoutRejectedException => VendorOutcome.Timeout,
            BrokenCircuitException => VendorOutcome.ServerError,
            OperationCanceledException when !callerToken.IsCancellationRequested => VendorOutcome.Timeout,
            HttpRequestException => VendorOutcome.Network,
            IOException => VendorOutcome.Network,
            JsonException => VendorOutcome.ServerError,
            _ => (VendorOutcome)(-1),
        };
        return Enum.IsDefined(outcome);
    }

    /// <summary>Worth another attempt: the vendor may answer differently later.</summary>
    public static bool IsTransient(VendorOutcome outcome) =>
        outcome is VendorOutcome.RateLimited or VendorOutcome.ServerError or VendorOutcome.Timeout or VendorOutcome.Network;

    /// <summary>Counts against the circuit breaker: the vendor looks down, not busy.</summary>
    public static bool IsFailure(VendorOutcome outcome) =>
        outcome is VendorOutcome.ServerError or VendorOutcome.Timeout or VendorOutcome.Network;

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }
    }
}
