namespace GtmGuard.Sync.Storage;

/// <summary>A sender's claim on one outbox item until <paramref name="LeasedUntil"/>; a lapsed lease makes the item claimable again.</summary>
public sealed record OutboxLease(OutboxItem Item, Guid LeaseId, DateTimeOffset LeasedUntil);
