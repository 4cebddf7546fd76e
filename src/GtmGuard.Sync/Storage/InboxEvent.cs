using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Storage;

/// <summary>
/// A webhook event in the durable inbox. <c>Sequence</c> is arrival order; <c>OccurredAt</c> is event time at the vendor;
/// <c>Attempts</c> counts failed handler attempts; a pending event is not handed out before <c>NextAttemptAt</c>.
/// </summary>
public sealed record InboxEvent(
    long Sequence,
    VendorId Vendor,
    string EventId,
    string RecordKey,
    string EventType,
    DateTimeOffset OccurredAt,
    string Payload,
    DateTimeOffset ReceivedAt,
    InboxEventState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError);
