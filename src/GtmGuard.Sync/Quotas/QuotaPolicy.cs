using System.Net.Http.Headers;

namespace GtmGuard.Sync.Quotas;

/// <summary>
/// A vendor account's quota as the client enforces it: the windows, how long a call may queue for a permit,
/// below which share of a window calls are paced, and how to read the vendor's usage headers.
/// </summary>
internal sealed record QuotaPolicy(
    IReadOnlyList<QuotaWindowSpec> Windows,
    TimeSpan MaxWait,
    double SlowDownBelow,
    Func<HttpResponseHeaders, DateTimeOffset, IEnumerable<QuotaObservation>> ReadHeaders);
