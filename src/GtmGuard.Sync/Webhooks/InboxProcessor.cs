using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Webhooks;

/// <summary>
/// Works the inbox: claims pending events in arrival order, drops duplicates (by event id) and stale events (older than
/// their record's watermark), hands the rest to the registered <see cref="IInboxEventHandler"/>s, and marks each applied
/// in the same transaction that advances its watermark (one transaction for a claimed batch). Handler failures retry with backoff, then dead-letter.
/// </summary>
public sealed partial class InboxProcessor : BackgroundService
{
    private readonly ISyncStore _store;
    private readonly IReadOnlyList<IInboxEventHandler> _handlers;
    private readonly WebhookMetrics _metrics;
    private readonly InboxSignal _signal;
    private readonly TimeProvider _clock;
    private readonly InboxProcessorOptions _options;
    private readonly ILogger _logger;

    internal InboxProcessor(
        ISyncStore store,
        IEnumerable<IInboxEventHandler> handlers,
        WebhookMetrics metrics,
        InboxSignal signal,
        TimeProvider clock,
        IOptions<InboxProcessorOptions> options,
        ILogger<InboxProcessor> logger)
    {
        _store = store;
        _handlers = handlers.ToList();
        _metrics = metrics;
        _signal = signal;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Claims one batch of due events and settles each; returns how many it claimed (0 when the inbox had nothing due).</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => RunOnceAsync(null, cancellationToken);

    /// <summary>As <see cref="RunOnceAsync(CancellationToken)"/>, only events of <paramref name="kinds"/> (all when null).</summary>
    public async Task<int> RunOnceAsync(IReadOnlyCollection<InboxEventKind>? kinds, CancellationToken cancellationToken)
    {
        var leases = kinds is null
            ? await _store.ClaimInboxEventsAsync(_options.BatchSize, _options.LeaseDuration, cancellationToken).ConfigureAwait(false)
            : await _store.ClaimInboxEventsAsync(_options.BatchSize, _options.LeaseDuration, kinds, cancellationToken).ConfigureAwait(false);
        var batch = await PrepareBatchAsync(leases, cancellationToken).ConfigureAwait(false);
        var ready = new List<InboxApplication>(leases.Count);
        foreach (var lease in leases)
        {
            if (await HandleAsync(lease, batch, cancellationToken).ConfigureAwait(false) is { } application)
            {
                ready.Add(application);
            }
        }

        // One transaction settles the whole claimed batch, one statement per step; a claim holds at most one event per record.
        if (ready.Count > 0)
        {
            var settlements = await _store.ApplyInboxEventsAsync(ready, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < ready.Count; i++)
            {
                Count(ready[i].Lease.Event, settlements[i]);
            }
        }

        return leases.Count;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _options.Enabled ? Task.WhenAll(Enumerable.Range(0, _options.Workers).Select(_ => RunWorkerAsync(stoppingToken))) : Task.CompletedTask;

    private async Task RunWorkerAsync(CancellationToken stopping)
    {
        await Task.Yield();
        while (!stopping.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A store hiccup (busy, disk) must not stop the host: the events stay pending and leased ones lapse.
                LogWorkerError(_logger, ex);
            }

            if (claimed == 0)
            {
                try
                {
                    await _signal.WaitAsync(_options.PollInterval, _clock, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Lets each handler fetch for the events of the batch it takes, in one go; see <see cref="IInboxEventHandler.PrepareBatchAsync"/>.</summary>
    private async Task<InboxBatchItems> PrepareBatchAsync(IReadOnlyList<InboxLease> leases, CancellationToken cancellationToken)
    {
        var batch = new InboxBatchItems();
        foreach (var handler in _handlers)
        {
            var events = leases.Select(l => l.Event).Where(e => handler.CanHandle(e.Vendor, e.EventType)).ToList();
            if (events.Count == 0)
            {
                continue;
            }

            using var timeout = new CancellationTokenSource(_options.LeaseDuration * 0.4, _clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await handler.PrepareBatchAsync(events, batch, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Only a shortcut: each event's handler still does its own reads.
                LogPrepareFailed(_logger, handler.Workflow, events.Count, ex);
            }
        }

        return batch;
    }

    /// <summary>Drops a superseded event or runs its handlers; returns it ready to apply, or null when it was dropped or failed.</summary>
    private async Task<InboxApplication?> HandleAsync(InboxLease lease, InboxBatchItems batch, CancellationToken cancellationToken)
    {
        var inboxEvent = lease.Event;
        var handlers = _handlers.Where(h => h.CanHandle(inboxEvent.Vendor, inboxEvent.EventType)).ToList();

        // The early check only spares handlers a superseded event; without handlers the apply's own check under the
        // write lock settles it the same way (duplicate or stale), so the extra read would buy nothing.
        if (handlers.Count > 0 && await _store.DropIfSupersededAsync(lease, cancellationToken).ConfigureAwait(false) is { } dropped)
        {
            Count(inboxEvent, dropped);
            return null;
        }

        var context = new InboxApplyContext(inboxEvent, batch);
        foreach (var handler in handlers)
        {
            // The claim's one lease covers the whole batch and is not renewed, so a handler gets at most what is left of
            // it (less a margin for the settle): stopped before the lease lapses and another worker takes the record.
            // An event reached too late is left alone, uncounted; it is claimed again once the lease lapses.
            var left = lease.LeasedUntil - _clock.GetUtcNow() - _options.LeaseDuration * 0.2;
            if (left < _options.LeaseDuration * 0.1)
            {
                LogLeaseRunningOut(_logger, inboxEvent.Vendor.Label(), inboxEvent.EventId);
                return null;
            }

            using var timeout = new CancellationTokenSource(left < _options.LeaseDuration * 0.8 ? left : _options.LeaseDuration * 0.8, _clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            using var exchanges = HttpExchangeLog.Begin();
            try
            {
                await handler.HandleAsync(inboxEvent, context, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await FailAsync(lease, handler, ex, exchanges.LastSince(0), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
                {
                    // Recording the failure failed (the store, most likely): the rest of the batch still settles, and
                    // this event is claimed again once its lease lapses.
                    LogFailureNotRecorded(_logger, inboxEvent.Vendor.Label(), inboxEvent.EventId, failure);
                }

                return null;
            }
        }

        return new InboxApplication(lease, context.Writes);
    }

    private async Task FailAsync(InboxLease lease, IInboxEventHandler handler, Exception exception, HttpExchange? exchange, CancellationToken cancellationToken)
    {
        var inboxEvent = lease.Event;
        var attempts = inboxEvent.Attempts + 1;
        var message = SecretRedactor.RedactBody($"{exception.GetType().Name}: {exception.Message}", "text/plain")!;
        if (attempts < _options.MaxAttempts)
        {
            var delay = _options.Backoff(attempts);
            await _store.RetryInboxEventAsync(lease, message, _clock.GetUtcNow() + delay, cancellationToken).ConfigureAwait(false);
            LogHandlerFailed(_logger, handler.Workflow, inboxEvent.Vendor.Label(), inboxEvent.EventId, attempts, delay, exception);
            return;
        }

        var request = new RecordedRequest(
            "POST",
            $"/webhooks/{inboxEvent.Vendor.Label()}",
            new Dictionary<string, string> { ["X-GtmGuard-Event-Id"] = inboxEvent.EventId, ["X-GtmGuard-Record-Key"] = inboxEvent.RecordKey },
            SecretRedactor.RedactBody(inboxEvent.Payload, "application/json"));
        // The vendor call that failed the handler, when there was one; the event itself otherwise.
        var redacted = exchange?.Redacted();
        var letter = new NewDeadLetter(handler.Workflow, inboxEvent.Vendor, inboxEvent.EventType, "handler_failed", message, redacted?.Request ?? request, redacted?.Response, attempts);
        if (await _store.DeadLetterInboxEventAsync(lease, letter, cancellationToken).ConfigureAwait(false))
        {
            _metrics.Record(inboxEvent.Vendor, WebhookEventResult.DeadLettered);
            LogDeadLettered(_logger, handler.Workflow, inboxEvent.Vendor.Label(), inboxEvent.EventId, attempts, exception);
        }
    }

    private void Count(InboxEvent inboxEvent, InboxSettlement settlement)
    {
        switch (settlement)
        {
            case InboxSettlement.Applied:
                _metrics.Record(inboxEvent.Vendor, WebhookEventResult.Applied);
                break;
            case InboxSettlement.Duplicate:
                _metrics.Record(inboxEvent.Vendor, WebhookEventResult.Duplicate);
                break;
            case InboxSettlement.Stale:
                _metrics.Record(inboxEvent.Vendor, WebhookEventResult.Stale);
                LogStale(_logger, inboxEvent.Vendor.Label(), inboxEvent.EventId, inboxEvent.RecordKey);
                break;
            case InboxSettlement.LeaseLost:
                LogLeaseLost(_logger, inboxEvent.Vendor.Label(), inboxEvent.EventId);
                break;
        }
    }

    [LoggerMessage(EventId = 1208, Level = LogLevel.Error, Message = "Could not record the handler failure of {Vendor} event {EventId}; it is retried once its lease lapses")]
    private static partial void LogFailureNotRecorded(ILogger logger, string vendor, string eventId, Exception exception);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Left {Vendor} event {EventId} for a later claim: its batch's lease is nearly over")]
    private static partial void LogLeaseRunningOut(ILogger logger, string vendor, string eventId);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "Preparing a batch of {Events} events for {Workflow} failed; each event is handled on its own")]
    private static partial void LogPrepareFailed(ILogger logger, string workflow, int events, Exception exception);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Inbox worker failed; it keeps running")]
    private static partial void LogWorkerError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Handler of {Workflow} failed on {Vendor} event {EventId} (attempt {Attempts}); retrying in {Delay}")]
    private static partial void LogHandlerFailed(ILogger logger, string workflow, string vendor, string eventId, int attempts, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "Handler of {Workflow} failed on {Vendor} event {EventId} {Attempts} times; dead-lettered")]
    private static partial void LogDeadLettered(ILogger logger, string workflow, string vendor, string eventId, int attempts, Exception exception);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug, Message = "Dropped stale {Vendor} event {EventId} for {RecordKey}")]
    private static partial void LogStale(ILogger logger, string vendor, string eventId, string recordKey);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Lease on {Vendor} event {EventId} lapsed before it was settled; another worker will take it")]
    private static partial void LogLeaseLost(ILogger logger, string vendor, string eventId);
}
