namespace GtmGuard.Sync.Storage;

/// <summary>A leased event its handlers accepted, with the vendor writes they asked for: ready to be marked applied.</summary>
public sealed record InboxApplication(InboxLease Lease, IReadOnlyList<OutboxWrite> Writes);
