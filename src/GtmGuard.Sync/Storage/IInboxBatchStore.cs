namespace GtmGuard.Sync.Storage;

/// <summary>Stores several webhook deliveries' events in one transaction, so one commit (and one fsync) acknowledges them all.</summary>
public interface IInboxBatchStore
{
    /// <summary>
    /// Stores every delivery's events in arrival order in ONE transaction and returns each delivery's result, in the same
    /// order. An event id already known, including one stored earlier in the same batch, is stored as a duplicate. Either
    /// every delivery is stored or, when it throws, none is known stored: the transaction failed, or its fsync did (it
    /// committed without being known durable; a retry after the restart that a failed fsync calls for counts as a duplicate).
    /// </summary>
    Task<IReadOnlyList<InboxAppendResult>> AppendInboxBatchAsync(IReadOnlyList<IReadOnlyList<IncomingEvent>> deliveries, CancellationToken cancellationToken);
}
