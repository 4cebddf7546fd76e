using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Storage;

/// <summary>
/// A vendor write a workflow has decided on, to be enqueued in the outbox. <c>Operation</c> names what to do at the vendor
/// (e.g. <c>contacts.batchUpsert</c>); <c>Payload</c> is its body or arguments as JSON. <c>IdempotencyKey</c> is unique per
/// vendor: enqueueing the same key again is a no-op, so a re-run after a crash cannot write twice.
/// </summary>
public sealed record OutboxWrite(string Workflow, VendorId Vendor, string Operation, string IdempotencyKey, string Payload)
{
    /// <summary>
    /// The vendor record this write sets, when a newer write of the same operation replaces an older one (last writer
    /// wins): enqueueing it supersedes the record's older pending writes, and it is not sent while an older one is in flight.
    /// </summary>
    public string? TargetKey { get; init; }
}
