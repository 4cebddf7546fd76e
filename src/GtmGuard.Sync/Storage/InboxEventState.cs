namespace GtmGuard.Sync.Storage;

/// <summary>Where a received webhook event stands in the inbox.</summary>
public enum InboxEventState
{
    /// <summary>Stored, waiting for the processor (or for its next attempt after a handler failure).</summary>
    Pending,

    /// <summary>Handled, and its record's watermark advanced to its event time.</summary>
    Applied,

    /// <summary>Another copy of an event id already stored or processed.</summary>
    Duplicate,

    /// <summary>Older than an event already applied to the same record: last writer wins by event time.</summary>
    Stale,

    /// <summary>Handlers kept failing; the event is in the dead letters.</summary>
    Failed,
}
