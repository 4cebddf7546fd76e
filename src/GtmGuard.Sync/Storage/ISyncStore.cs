using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Storage;

/// <summary>
/// The sync engine's durable state: webhook inbox, processed event ids, per-record watermarks, outbox of vendor writes,
/// dead letters and run history. Every method is safe to call from several workers at once; methods that change more
/// than one thing do so in one transaction.
/// </summary>
public interface ISyncStore
{
    /// <summary>Stores verified events in arrival order; a known event id is stored as a duplicate, never handed out.</summary>
    Task<InboxAppendResult> AppendInboxEventsAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="maxEvents"/> due pending events in arrival order, at most one per record and none of a
    /// record another lease still holds, so one record's events are never handled concurrently.
    /// </summary>
    Task<IReadOnlyList<InboxLease>> ClaimInboxEventsAsync(int maxEvents, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="ClaimInboxEventsAsync(int, TimeSpan, CancellationToken)"/>, but only events of the given kinds (vendor
    /// and event type), e.g. those one workflow handles; an earlier event of another kind does not hold them back.
    /// </summary>
    Task<IReadOnlyList<InboxLease>> ClaimInboxEventsAsync(int maxEvents, TimeSpan leaseDuration, IReadOnlyCollection<InboxEventKind> kinds, CancellationToken cancellationToken);

    /// <summary>Marks a leased event duplicate or stale when it is one and returns how; null when it should be handled.</summary>
    Task<InboxSettlement?> DropIfSupersededAsync(InboxLease lease, CancellationToken cancellationToken);

    /// <summary>In one transaction: advances the record's watermark, marks the event applied and processed, enqueues the writes.</summary>
    Task<InboxSettlement> ApplyInboxEventAsync(InboxLease lease, IReadOnlyList<OutboxWrite> writes, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="ApplyInboxEventAsync"/> for several leased events in ONE transaction (one commit for a claimed batch);
    /// the settlements come in the same order, each event judged on its own (a lost lease settles only that event).
    /// </summary>
    Task<IReadOnlyList<InboxSettlement>> ApplyInboxEventsAsync(IReadOnlyList<InboxApplication> applications, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt and releases the event until <paramref name="nextAttemptAt"/>; false if the lease was lost.</summary>
    Task<bool> RetryInboxEventAsync(InboxLease lease, string lastError, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt, marks the event failed and stores the dead letter, in one transaction; false if the lease was lost.</summary>
    Task<bool> DeadLetterInboxEventAsync(InboxLease lease, NewDeadLetter deadLetter, CancellationToken cancellationToken);

    /// <summary>Inbox events in arrival order, filtered by vendor and state.</summary>
    Task<IReadOnlyList<InboxEvent>> ListInboxEventsAsync(InboxEventFilter filter, CancellationToken cancellationToken);

    /// <summary>Whether an event id reached a final decision (applied or stale); survives restarts and inbox clean-up.</summary>
    Task<bool> IsEventProcessedAsync(VendorId vendor, string eventId, CancellationToken cancellationToken);

    /// <summary>Atomically moves the record's watermark to <paramref name="occurredAt"/> unless it is already later; true if moved (or equal).</summary>
    Task<bool> TryAdvanceWatermarkAsync(VendorId vendor, string recordKey, DateTimeOffset occurredAt, string? eventId, CancellationToken cancellationToken);

    /// <summary>The record's latest applied event time, or null if nothing was applied to it yet.</summary>
    Task<Watermark?> GetWatermarkAsync(VendorId vendor, string recordKey, CancellationToken cancellationToken);

    /// <summary>Enqueues writes; a write whose vendor and idempotency key are already in the outbox is skipped. Returns how many were new.</summary>
    Task<int> EnqueueOutboxAsync(IReadOnlyList<OutboxWrite> writes, CancellationToken cancellationToken);

    /// <summary>Leases up to <paramref name="maxItems"/> due pending writes, oldest first.</summary>
    Task<IReadOnlyList<OutboxLease>> ClaimOutboxAsync(int maxItems, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Leases up to <paramref name="maxItems"/> due pending writes of one workflow (all when null), oldest first.</summary>
    Task<IReadOnlyList<OutboxLease>> ClaimOutboxAsync(int maxItems, TimeSpan leaseDuration, string? workflow, CancellationToken cancellationToken);

    /// <summary>Marks a leased write done; false if the lease was lost.</summary>
    Task<bool> CompleteOutboxAsync(OutboxLease lease, CancellationToken cancellationToken);

    /// <summary>Marks leased writes done in one transaction; returns how many were still leased (the others lost their lease).</summary>
    Task<int> CompleteOutboxAsync(IReadOnlyList<OutboxLease> leases, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt and releases the write until <paramref name="nextAttemptAt"/>; false if the lease was lost.</summary>
    Task<bool> RetryOutboxAsync(OutboxLease lease, string lastError, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt, marks the write failed and stores the dead letter, in one transaction; false if the lease was lost.</summary>
    Task<bool> DeadLetterOutboxAsync(OutboxLease lease, NewDeadLetter deadLetter, CancellationToken cancellationToken);

    /// <summary>Outbox items oldest first, of one state or all.</summary>
    Task<IReadOnlyList<OutboxItem>> ListOutboxAsync(OutboxItemState? state, int limit, CancellationToken cancellationToken);

    /// <summary>Stores a failure (request and response already redacted) and returns its id.</summary>
    Task<long> AddDeadLetterAsync(NewDeadLetter deadLetter, CancellationToken cancellationToken);

    /// <summary>Dead letters newest first; replayed ones only when asked for.</summary>
    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(DeadLetterFilter filter, CancellationToken cancellationToken);

    /// <summary>Dead letters not yet replayed, counted per vendor (vendors without any are absent).</summary>
    Task<IReadOnlyDictionary<VendorId, long>> CountPendingDeadLettersAsync(CancellationToken cancellationToken);

    /// <summary>One dead letter with its full request and response, or null.</summary>
    Task<DeadLetter?> GetDeadLetterAsync(long id, CancellationToken cancellationToken);

    /// <summary>Marks a dead letter replayed and re-queues its inbox event or outbox write, in one transaction; false if unknown or already replayed.</summary>
    Task<bool> ReplayDeadLetterAsync(long id, CancellationToken cancellationToken);

    /// <summary>Records that a workflow run started now.</summary>
    Task<WorkflowRun> StartRunAsync(string workflow, CancellationToken cancellationToken);

    /// <summary>Records how a started run ended, with its counts.</summary>
    Task FinishRunAsync(long runId, WorkflowRunStatus status, WorkflowRunCounts counts, string? errorMessage, CancellationToken cancellationToken);

    /// <summary>Runs newest first, of one workflow or of all.</summary>
    Task<IReadOnlyList<WorkflowRun>> ListRunsAsync(string? workflow, int limit, CancellationToken cancellationToken);

    /// <summary>The latest finished run that succeeded (fully or partially): the workflow's last successful sync.</summary>
    Task<WorkflowRun?> GetLastSuccessfulRunAsync(string workflow, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes what is settled and older than <paramref name="before"/>: applied, duplicate and stale inbox events, their
    /// processed ids, and completed outbox writes. Watermarks, failed items and dead letters stay. Returns rows deleted.
    /// Keep the cut-off well beyond the vendors' redelivery windows (HubSpot retries for about a day), or a late copy of
    /// an event whose id was purged would be applied again.
    /// </summary>
    Task<int> PurgeSettledAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>The newest rotated token kept for <paramref name="credential"/>, with the origin it was kept for; null if none.</summary>
    Task<(string Token, string Origin)?> GetRotatedTokenAsync(string credential, CancellationToken cancellationToken);

    /// <summary>Keeps the newest rotated token of <paramref name="credential"/> (e.g. an OAuth refresh token), replacing the previous one.</summary>
    Task SaveRotatedTokenAsync(string credential, string token, string origin, CancellationToken cancellationToken);
}
