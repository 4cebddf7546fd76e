using GtmGuard.Sync.Storage;

namespace GtmGuard.Sync.Webhooks;

/// <summary>What handlers of one event stage: outbox writes committed atomically with the event being marked applied.</summary>
public sealed class InboxApplyContext
{
    private readonly List<OutboxWrite> _writes = [];

    internal InboxApplyContext(InboxEvent inboxEvent) => Event = inboxEvent;

    public InboxEvent Event { get; }

    internal IReadOnlyList<OutboxWrite> Writes => _writes;

    /// <summary>Stages a vendor write; it reaches the outbox only if the event is applied.</summary>
    public void Enqueue(OutboxWrite write) => _writes.Add(write);
}
