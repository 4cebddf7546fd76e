using GtmGuard.Sync.Storage;

namespace GtmGuard.Sync.Webhooks;

/// <summary>What handlers of one event stage: outbox writes committed atomically with the event being marked applied.</summary>
public sealed class InboxApplyContext
{
    private readonly List<OutboxWrite> _writes = [];

    internal InboxApplyContext(InboxEvent inboxEvent, InboxBatchItems? batch = null)
    {
        Event = inboxEvent;
        Batch = batch ?? new InboxBatchItems();
    }

    public InboxEvent Event { get; }

    /// <summary>What the handlers prepared for the batch this event was claimed in.</summary>
    public InboxBatchItems Batch { get; }

    internal IReadOnlyList<OutboxWrite> Writes => _writes;

    /// <summary>Stages a vendor write; it reaches the outbox only if the event is applied.</summary>
    public void Enqueue(OutboxWrite write) => _writes.Add(write);
}
