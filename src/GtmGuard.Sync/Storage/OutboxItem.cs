using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Storage;

/// <summary>A vendor write in the outbox.</summary>
public sealed record OutboxItem(
    long Id,
    string Workflow,
    VendorId Vendor,
    string Operation,
    string IdempotencyKey,
    string Payload,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    OutboxItemState State,
    DateTimeOffset CreatedAt,
    string? LastError)
{
    /// <summary>The record the write sets, when newer writes to it supersede older ones (<see cref="OutboxWrite.TargetKey"/>).</summary>
    public string? TargetKey { get; init; }
}
