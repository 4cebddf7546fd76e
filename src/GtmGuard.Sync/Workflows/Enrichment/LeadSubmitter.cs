using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Telemetry;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.Clay;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Workflows.Enrichment;

/// <summary>The first half of enrichment: leads go into the Clay table; enriched rows come back through the intake.</summary>
public sealed partial class LeadSubmitter
{
    private readonly ClayClient _clay;
    private readonly ISyncStore _store;
    private readonly ILogger _logger;
    private readonly SyncMetrics? _metrics;

    internal LeadSubmitter(ClayClient clay, ISyncStore store, ILogger<LeadSubmitter> logger, SyncMetrics? metrics = null)
    {
        _metrics = metrics;
        _clay = clay;
        _store = store;
        _logger = logger;
    }

    /// <summary>Submits the leads (each a row of fields with at least <c>email</c>) as one recorded enrichment run.</summary>
    public async Task<WorkflowRunCounts> SubmitAsync(IReadOnlyList<IReadOnlyDictionary<string, object?>> leads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var run = await _store.StartRunAsync(WorkflowNames.Enrichment, cancellationToken).ConfigureAwait(false);
        var result = await _clay.SubmitRowsAsync(leads, cancellationToken).ConfigureAwait(false);
        var failed = 0;
        foreach (var failure in result.Failures)
        {
            failed += failure.Count;
            var rows = failure.Rows.Select(i => leads[i]).ToList();
            var request = WorkflowJson.Request("POST", "clay webhook source", WorkflowJson.Write(rows));
            var response = SecretRedactor.Redact(new RecordedResponse(0, new Dictionary<string, string>(), failure.Error));
            await _store.AddDeadLetterAsync(new NewDeadLetter(WorkflowNames.Enrichment, VendorId.Clay, "rows.submit", failure.Outcome.ToString(), failure.Error, SecretRedactor.Redact(request), response, 1), cancellationToken).ConfigureAwait(false);
        }

        _metrics?.Record(VendorId.Clay, SyncedRecordResult.Written, result.Submitted);
        _metrics?.Record(VendorId.Clay, SyncedRecordResult.DeadLettered, failed);
        var counts = new WorkflowRunCounts(leads.Count, result.Submitted, result.Duplicates, failed);
        var status = failed == 0 ? WorkflowRunStatus.Succeeded : result.Submitted > 0 ? WorkflowRunStatus.PartiallySucceeded : WorkflowRunStatus.Failed;
        await _store.FinishRunAsync(run.Id, status, counts, failed == 0 ? null : "Some leads were not accepted by Clay.", cancellationToken).ConfigureAwait(false);
        LogSubmitted(_logger, result.Submitted, result.Duplicates, failed);
        return counts;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Submitted {Submitted} leads to Clay ({Duplicates} duplicates, {Failed} failed)")]
    private static partial void LogSubmitted(ILogger logger, int submitted, int duplicates, int failed);
}
