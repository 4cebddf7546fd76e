namespace GtmGuard.Sync.Storage;

/// <summary>How an attempt to apply a leased inbox event ended.</summary>
public enum InboxSettlement
{
    /// <summary>Marked applied, watermark advanced, outbox writes enqueued: all in one transaction.</summary>
    Applied,

    /// <summary>The event id was already processed; marked duplicate, nothing else written.</summary>
    Duplicate,

    /// <summary>The record's watermark is newer than the event; marked stale, nothing else written.</summary>
    Stale,

    /// <summary>The lease lapsed and another worker may own the event; nothing written.</summary>
    LeaseLost,
}
