using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Workflows.Outbox;

/// <summary>
/// How one outbox write ended at the vendor. <c>Skipped</c> means there was nothing to write (e.g. no such record to opt
/// out); <c>Request</c> is what was sent, for a dead letter, and <c>Exchange</c> the HTTP exchange that decided the
/// outcome when the operation knows it (otherwise the sender takes the last failed one of the call).
/// </summary>
internal sealed record OutboxResult(long ItemId, VendorOutcome Outcome, RecordedRequest Request, int? StatusCode = null, string? Error = null, bool Skipped = false)
{
    public HttpExchange? Exchange { get; init; }

    public static OutboxResult Success(OutboxItem item, RecordedRequest request, bool skipped = false) =>
        new(item.Id, VendorOutcome.Success, request, Skipped: skipped);
}
