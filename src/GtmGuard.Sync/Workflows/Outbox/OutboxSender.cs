using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GtmGuard.Sync.Workflows.Outbox;

/// <summary>
/// One pass over the outbox: claims due writes, sends them grouped by vendor operation, and settles each: done, retried
/// with backoff, or dead-lettered (validation at once, transient failures after the last attempt). Records a run per
/// workflow that had writes.
/// </summary>
public sealed partial class OutboxSender
{
    private readonly ISyncStore _store;
    private readonly Dictionary<(VendorId, string), IOutboxOperation> _operations;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly SyncMetrics? _metrics;

    internal OutboxSender(ISyncStore store, IEnumerable<IOutboxOperation> operations, IOptions<WorkflowOptions> options, TimeProvider clock, ILogger<OutboxSender> logger, SyncMetrics? metrics = null)
    {
        _metrics = metrics;
        _store = store;
        _operations = operations.ToDictionary(o => (o.Vendor, o.Operation));
        _options = options.Value.Outbox;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Sends the due writes once; returns how many writes were claimed.</summary>
    public Task<int> SendOnceAsync(CancellationToken cancellationToken) => SendOnceAsync(null, cancellationToken);

    /// <summary>Sends the due writes of one workflow (all when null) once; returns how many writes were claimed.</summary>
    public async Task<int> SendOnceAsync(string? workflow, CancellationToken cancellationToken)
    {
        var leases = await _store.ClaimOutboxAsync(_options.BatchSize, _options.LeaseDuration, workflow, cancellationToken).ConfigureAwait(false);
        if (leases.Count == 0)
        {
            return 0;
        }

        foreach (var byWorkflow in leases.GroupBy(l => l.Item.Workflow))
        {
            var run = await _store.StartRunAsync(byWorkflow.Key, cancellationToken).ConfigureAwait(false);
            var tally = new Tally();
            // Each vendor operation has its own calls and quota: HubSpot's batches need not wait for Salesforce's. Writes
            // to one record are in one group (same vendor and operation), so their order is kept.
            await Task.WhenAll(byWorkflow.GroupBy(l => (l.Item.Vendor, l.Item.Operation))
                .Select(group => SendGroupAsync(group.ToList(), tally, cancellationToken))).ConfigureAwait(false);

            var status = tally.DeadLettered > 0 ? WorkflowRunStatus.PartiallySucceeded : WorkflowRunStatus.Succeeded;
            await _store.FinishRunAsync(run.Id, status, new WorkflowRunCounts(tally.Read, tally.Written, tally.Skipped, tally.DeadLettered), null, cancellationToken).ConfigureAwait(false);
        }

        return leases.Count;
    }

    private async Task SendGroupAsync(List<OutboxLease> leases, Tally tally, CancellationToken cancellationToken)
    {
        tally.Add(read: leases.Count);
        var first = leases[0].Item;
        if (!_operations.TryGetValue((first.Vendor, first.Operation), out var operation))
        {
            foreach (var lease in leases)
            {
                var request = new RecordedRequest("OUTBOX", lease.Item.Operation, new Dictionary<string, string>(), SecretRedactor.RedactBody(lease.Item.Payload, "application/json"));
                await DeadLetterAsync(lease, new OutboxResult(lease.Item.Id, VendorOutcome.Validation, request, Error: "No sender for this operation."), "unknown_operation", tally, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var byId = (await SendAsync(operation, leases, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.ItemId);
        await CompleteAsync(leases.Where(l => byId[l.Item.Id].Outcome == VendorOutcome.Success).ToList(), byId, tally, cancellationToken).ConfigureAwait(false);
        foreach (var lease in leases.Where(l => byId[l.Item.Id].Outcome != VendorOutcome.Success))
        {
            await SettleFailureAsync(lease, byId[lease.Item.Id], tally, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One result per lease. When the operation's vendor refuses a whole batch for one invalid record, the writes it
    /// refused together are sent again in halves until each refusal covers one write, so the valid ones go through.
    /// </summary>
    private async Task<IReadOnlyList<OutboxResult>> SendAsync(IOutboxOperation operation, List<OutboxLease> leases, CancellationToken cancellationToken)
    {
        var results = await CallVendorAsync(operation, leases, cancellationToken).ConfigureAwait(false);
        var outcomes = results.ToDictionary(r => r.ItemId, r => r.Outcome);
        var refused = leases.Where(l => outcomes[l.Item.Id] == VendorOutcome.Validation).ToList();
        if (!operation.RejectsWholeBatch || refused.Count < 2)
        {
            return results;
        }

        var retried = new List<OutboxResult>(refused.Count);
        foreach (var half in new[] { refused[..(refused.Count / 2)], refused[(refused.Count / 2)..] })
        {
            retried.AddRange(await SendAsync(operation, half, cancellationToken).ConfigureAwait(false));
        }

        var again = retried.ToDictionary(r => r.ItemId);
        return [.. results.Select(r => again.GetValueOrDefault(r.ItemId) ?? r)];
    }

    private async Task<IReadOnlyList<OutboxResult>> CallVendorAsync(IOutboxOperation operation, List<OutboxLease> leases, CancellationToken cancellationToken)
    {
        var first = leases[0].Item;
        IReadOnlyList<OutboxResult> results;
        using var exchanges = HttpExchangeLog.Begin();
        try
        {
            results = await operation.SendAsync(leases.Select(l => l.Item).ToList(), cancellationToken).ConfigureAwait(false);
            // Batch writes share their calls: a failed item without its own exchange gets the last call about its record.
            var targets = leases.ToDictionary(l => l.Item.Id, l => l.Item.TargetKey);
            results = results.Select(r => r.Outcome == VendorOutcome.Success || r.Exchange is not null ? r : r with { Exchange = exchanges.LastSince(0, targets.GetValueOrDefault(r.ItemId)) }).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSendFailed(_logger, first.Vendor.Label(), first.Operation, ex);
            var request = new RecordedRequest("OUTBOX", first.Operation, new Dictionary<string, string>(), null);
            var exchange = exchanges.LastSince(0);
            results = leases.Select(l => new OutboxResult(l.Item.Id, VendorOutcome.ServerError, request, Error: ex.GetType().Name + ": " + ex.Message) { Exchange = exchange }).ToList();
        }

        return results;
    }

    /// <summary>Every write the vendor accepted is marked done in one transaction (one commit per vendor call, not per record).</summary>
    private async Task CompleteAsync(List<OutboxLease> succeeded, Dictionary<long, OutboxResult> byId, Tally tally, CancellationToken cancellationToken)
    {
        if (succeeded.Count == 0)
        {
            return;
        }

        await _store.CompleteOutboxAsync(succeeded, cancellationToken).ConfigureAwait(false);
        foreach (var lease in succeeded)
        {
            var skipped = byId[lease.Item.Id].Skipped;
            _metrics?.Record(lease.Item.Vendor, skipped ? SyncedRecordResult.Skipped : SyncedRecordResult.Written);
            tally.Add(written: skipped ? 0 : 1, skipped: skipped ? 1 : 0);
        }
    }

    private async Task SettleFailureAsync(OutboxLease lease, OutboxResult result, Tally tally, CancellationToken cancellationToken)
    {
        var attempts = lease.Item.Attempts + 1;
        if (result.Outcome == VendorOutcome.Validation)
        {
            await DeadLetterAsync(lease, result, OutcomeName(result.Outcome), tally, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (attempts >= _options.MaxAttempts)
        {
            await DeadLetterAsync(lease, result, "retries_exhausted", tally, cancellationToken).ConfigureAwait(false);
            return;
        }

        var delay = _options.Backoff(attempts);
        var error = SecretRedactor.RedactBody($"{OutcomeName(result.Outcome)}: {result.Error}", "text/plain")!;
        await _store.RetryOutboxAsync(lease, error, _clock.GetUtcNow() + delay, cancellationToken).ConfigureAwait(false);
        LogRetrying(_logger, lease.Item.Vendor.Label(), lease.Item.Operation, lease.Item.Id, OutcomeName(result.Outcome), attempts, delay);
    }

    private async Task DeadLetterAsync(OutboxLease lease, OutboxResult result, string errorType, Tally tally, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        // The full exchange when one was recorded; otherwise what the operation says it sent and why it failed.
        var exchange = result.Exchange?.Redacted();
        var response = exchange?.Response ?? (result.StatusCode is not null || result.Error is not null
            ? SecretRedactor.Redact(new RecordedResponse(result.StatusCode ?? 0, new Dictionary<string, string>(), result.Error))
            : null);
        var letter = new NewDeadLetter(
            item.Workflow,
            item.Vendor,
            item.Operation,
            errorType,
            SecretRedactor.RedactBody(result.Error, "text/plain"),
            exchange?.Request ?? SecretRedactor.Redact(result.Request),
            response,
            item.Attempts + 1,
            DeadLetterSource.Outbox,
            item.Id);
        if (await _store.DeadLetterOutboxAsync(lease, letter, cancellationToken).ConfigureAwait(false))
        {
            tally.Add(deadLettered: 1);
            _metrics?.Record(item.Vendor, SyncedRecordResult.DeadLettered);
            LogDeadLettered(_logger, item.Workflow, item.Vendor.Label(), item.Operation, item.Id, errorType);
        }
    }

    private static string OutcomeName(VendorOutcome outcome) => outcome switch
    {
        VendorOutcome.Success => "success",
        VendorOutcome.Unauthorized => "unauthorized",
        VendorOutcome.Validation => "validation",
        VendorOutcome.NotFound => "not_found",
        VendorOutcome.RateLimited => "rate_limited",
        VendorOutcome.ServerError => "server_error",
        VendorOutcome.Timeout => "timeout",
        VendorOutcome.Network => "network",
        _ => "unknown",
    };

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Outbox write {Id} ({Vendor} {Operation}) failed with {Outcome} (attempt {Attempts}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string vendor, string operation, long id, string outcome, int attempts, TimeSpan delay);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Outbox write {Id} of {Workflow} ({Vendor} {Operation}) dead-lettered: {ErrorType}")]
    private static partial void LogDeadLettered(ILogger logger, string workflow, string vendor, string operation, long id, string errorType);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Sending {Vendor} {Operation} failed unexpectedly; the writes will be retried")]
    private static partial void LogSendFailed(ILogger logger, string vendor, string operation, Exception exception);

    /// <summary>Counts of one pass; vendor groups add to it concurrently.</summary>
    private sealed class Tally
    {
        private int _read;
        private int _written;
        private int _skipped;
        private int _deadLettered;

        public int Read => Volatile.Read(ref _read);

        public int Written => Volatile.Read(ref _written);

        public int Skipped => Volatile.Read(ref _skipped);

        public int DeadLettered => Volatile.Read(ref _deadLettered);

        public void Add(int read = 0, int written = 0, int skipped = 0, int deadLettered = 0)
        {
            Interlocked.Add(ref _read, read);
            Interlocked.Add(ref _written, written);
            Interlocked.Add(ref _skipped, skipped);
            Interlocked.Add(ref _deadLettered, deadLettered);
        }
    }
}
