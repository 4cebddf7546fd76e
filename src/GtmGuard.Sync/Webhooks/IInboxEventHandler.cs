using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Webhooks;

/// <summary>
/// A workflow's reaction to webhook events, registered in DI. The processor calls it at least once per fresh event, in
/// event-time order per record; writes staged on the context are committed together with the event's watermark, so a
/// crash re-runs the handler but never double-enqueues. Direct side effects must be idempotent.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Handles inbox events; not a .NET event delegate, and workflows already code against this name.")]
public interface IInboxEventHandler
{
    /// <summary>The workflow this handler belongs to; names its dead letters.</summary>
    string Workflow { get; }

    bool CanHandle(VendorId vendor, string eventType);

    /// <summary>Handles one event; throwing leaves it for a retry with backoff, and dead-letters it after the last attempt.</summary>
    Task HandleAsync(InboxEvent inboxEvent, InboxApplyContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Called once per claimed batch with the events of it this handler takes, before any of them is handled: a handler
    /// that reads from a vendor can read for the whole batch in one call and leave the result on <paramref name="batch"/>
    /// (<see cref="InboxApplyContext.Batch"/>). Optional; a failure here is logged and each event is handled as if it
    /// had not run.
    /// </summary>
    Task PrepareBatchAsync(IReadOnlyList<InboxEvent> events, InboxBatchItems batch, CancellationToken cancellationToken) => Task.CompletedTask;
}
