namespace GtmGuard.Sync.Telemetry;

/// <summary>The <c>result</c> label of <c>gtmguard_records_synced_total</c>.</summary>
public enum SyncedRecordResult
{
    /// <summary>The vendor accepted the write.</summary>
    Written,

    /// <summary>Nothing to write (e.g. no such record to opt out).</summary>
    Skipped,

    /// <summary>The write failed for good and went to the dead letters.</summary>
    DeadLettered,
}
