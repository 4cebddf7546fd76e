namespace GtmGuard.Sync.Storage;

/// <summary>
/// A worker's claim on one pending inbox event until <paramref name="LeasedUntil"/>. While it holds, no other event of the
/// same record is handed out; once it lapses (the worker crashed) the event can be claimed again.
/// </summary>
public sealed record InboxLease(InboxEvent Event, Guid LeaseId, DateTimeOffset LeasedUntil);
