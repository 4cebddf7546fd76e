namespace GtmGuard.Sync.Storage;

/// <summary>Where a vendor write stands in the outbox.</summary>
public enum OutboxItemState
{
    /// <summary>Waiting for a sender (or for its next attempt).</summary>
    Pending,

    /// <summary>The vendor accepted the write.</summary>
    Completed,

    /// <summary>Retries exhausted or refused by the vendor; the write is in the dead letters.</summary>
    Failed,

    /// <summary>A newer write to the same record (<see cref="OutboxWrite.TargetKey"/>) replaced it before it was sent.</summary>
    Superseded,
}
