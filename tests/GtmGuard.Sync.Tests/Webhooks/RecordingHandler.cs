using System.Collections.Concurrent;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Webhooks;

namespace GtmGuard.Sync.Tests.Webhooks;

/// <summary>A workflow stand-in: records every event it is handed, can fail on demand, and can stage outbox writes.</summary>
internal sealed class RecordingHandler : IInboxEventHandler
{
    private readonly ConcurrentQueue<InboxEvent> _seen = new();
    private int _failuresLeft;

    public string Workflow => "test-workflow";

    /// <summary>Vendors handled; all by default.</summary>
    public HashSet<VendorId>? Vendors { get; init; }

    /// <summary>Called for each event with the context; may stage writes or throw.</summary>
    public Action<InboxEvent, InboxApplyContext>? OnEvent { get; set; }

    public IReadOnlyList<InboxEvent> Seen => _seen.ToArray();

    /// <summary>Called once per claimed batch with the events it takes; may leave items on the batch or throw.</summary>
    public Action<IReadOnlyList<InboxEvent>, InboxBatchItems>? OnPrepare { get; set; }

    /// <summary>The batches prepared, each as its events' ids.</summary>
    public ConcurrentQueue<string[]> Prepared { get; } = new();

    /// <summary>Makes the next <paramref name="count"/> calls throw.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public bool CanHandle(VendorId vendor, string eventType) => Vendors is null || Vendors.Contains(vendor);

    public Task PrepareBatchAsync(IReadOnlyList<InboxEvent> events, InboxBatchItems batch, CancellationToken cancellationToken)
    {
        Prepared.Enqueue([.. events.Select(e => e.EventId)]);
        OnPrepare?.Invoke(events, batch);
        return Task.CompletedTask;
    }

    public Task HandleAsync(InboxEvent inboxEvent, InboxApplyContext context, CancellationToken cancellationToken)
    {
        _seen.Enqueue(inboxEvent);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException($"vendor said no to {inboxEvent.EventId}; Authorization: Bearer leaked-token-123");
        }

        OnEvent?.Invoke(inboxEvent, context);
        return Task.CompletedTask;
    }
}
