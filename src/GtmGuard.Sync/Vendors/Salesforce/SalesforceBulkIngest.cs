using System.Text;
using System.Text.Json.Nodes;
using GtmGuard.Sync.Resilience;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Vendors.Salesforce;

/// <summary>
/// One Bulk API 2.0 ingest upsert (vendor-facts §1.6): create the job, upload the CSV, mark it UploadComplete, poll with
/// backoff until JobComplete, Failed or Aborted, then read the successful and failed results back to each record.
/// </summary>
internal sealed partial class SalesforceBulkIngest
{
    private static readonly string[] TerminalStates = ["JobComplete", "Failed", "Aborted"];

    private readonly VendorHttp _http;
    private readonly SalesforceOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public SalesforceBulkIngest(VendorHttp http, SalesforceOptions options, TimeProvider clock, ILogger logger)
    {
        _http = http;
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    private string Jobs => _options.DataPath + "/jobs/ingest";

    public async Task<SalesforceBatchResult> UpsertAsync(
        string sObject, string externalIdField, List<(string ExternalId, Dictionary<string, object?> Fields)> records, CancellationToken cancellationToken)
    {
        var created = await SendAsync(
            HttpMethod.Post,
            Jobs,
            "bulk.createJob",
            JsonBody.Of(new JsonObject { ["object"] = sObject, ["operation"] = "upsert", ["externalIdFieldName"] = externalIdField, ["contentType"] = "CSV", ["lineEnding"] = "LF" }),
            cancellationToken).ConfigureAwait(false);
        if (!created.IsSuccess)
        {
            return Everything(records, created.Outcome, created.Error, null);
        }

        var jobId = JsonRead.OptionalString(created.Value!, "id");
        if (jobId is null)
        {
            return Everything(records, VendorOutcome.ServerError, "Malformed success body: the job has no id.", null);
        }

        LogJob(jobId, sObject, records.Count);
        using var csv = new StringContent(Csv(externalIdField, records), Encoding.UTF8);
        csv.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using (var upload = VendorRequest.Create(HttpMethod.Put, $"{Jobs}/{jobId}/batches", "bulk.upload", csv))
        using (var uploaded = await _http.SendAsync(upload, cancellationToken).ConfigureAwait(false))
        {
            if (!uploaded.IsSuccess)
            {
                return Everything(records, uploaded.Outcome, uploaded.Error, jobId);
            }
        }

        var closed = await SendAsync(HttpMethod.Patch, $"{Jobs}/{jobId}", "bulk.changeState", JsonBody.Of(new JsonObject { ["state"] = "UploadComplete" }), cancellationToken).ConfigureAwait(false);
        if (!closed.IsSuccess)
        {
            return Everything(records, closed.Outcome, closed.Error, jobId);
        }

        var (state, error) = await PollAsync(jobId, cancellationToken).ConfigureAwait(false);
        return state switch
        {
            null => Everything(records, VendorOutcome.Timeout, error, jobId),
            "JobComplete" or "Failed" => await ResultsAsync(jobId, externalIdField, records, state == "Failed" ? error : null, cancellationToken).ConfigureAwait(false),
            _ => Everything(records, VendorOutcome.ServerError, $"The job ended {state}: {error}", jobId),
        };
    }

    private static string Csv(string externalIdField, List<(string ExternalId, Dictionary<string, object?> Fields)> records)
    {
        var header = new List<string> { externalIdField };
        foreach (var (_, fields) in records)
        {
            header.AddRange(fields.Keys.Where(k => !header.Contains(k, StringComparer.OrdinalIgnoreCase) && k != "attributes"));
        }

        return SalesforceCsv.Write(header, records.Select(r => (IReadOnlyList<string?>)header
            .Select(column => column == externalIdField ? r.ExternalId : r.Fields.TryGetValue(column, out var value) ? SalesforceRecords.Cell(value) : string.Empty)
            .ToList()));
    }

    private static SalesforceBatchResult Everything(
        List<(string ExternalId, Dictionary<string, object?> Fields)> records, VendorOutcome outcome, string? error, string? jobId) =>
        new(records.Select(r => new SalesforceRecordResult(r.ExternalId, outcome, null, false, error)).ToList(), UsedBulkApi: true, jobId);

    /// <summary>The terminal state and the job's error message, or a null state when the job outlived the timeout.</summary>
    private async Task<(string? State, string? Error)> PollAsync(string jobId, CancellationToken cancellationToken)
    {
        var deadline = _clock.GetUtcNow() + _options.BulkTimeout;
        var delay = _options.BulkPollInitialDelay;
        string? state = null;
        while (_clock.GetUtcNow() < deadline)
        {
            await Task.Delay(delay, _clock, cancellationToken).ConfigureAwait(false);
            var job = await SendAsync(HttpMethod.Get, $"{Jobs}/{jobId}", "bulk.getJob", null, cancellationToken).ConfigureAwait(false);
            if (job.IsSuccess)
            {
                state = JsonRead.OptionalString(job.Value!, "state");
                if (state is not null && TerminalStates.Contains(state))
                {
                    LogFinished(jobId, state);
                    return (state, JsonRead.OptionalString(job.Value!, "errorMessage"));
                }
            }
            else if (!OutcomeClassifier.IsTransient(job.Outcome))
            {
                return ("Unreadable", job.Error);
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.BulkPollMaxDelay.Ticks));
        }

        return (null, $"Bulk job {jobId} was still {state ?? "unknown"} after {_options.BulkTimeout}; it keeps running at Salesforce.");
    }

    private async Task<SalesforceBatchResult> ResultsAsync(
        string jobId, string externalIdField, List<(string ExternalId, Dictionary<string, object?> Fields)> records, string? jobError, CancellationToken cancellationToken)
    {
        var successful = await CsvAsync($"{Jobs}/{jobId}/successfulResults", "bulk.successfulResults", cancellationToken).ConfigureAwait(false);
        var failed = await CsvAsync($"{Jobs}/{jobId}/failedResults", "bulk.failedResults", cancellationToken).ConfigureAwait(false);
        if (successful.Error is not null || failed.Error is not null)
        {
            return Everything(records, successful.Outcome == VendorOutcome.Success ? failed.Outcome : successful.Outcome, successful.Error ?? failed.Error, jobId);
        }

        var byId = new Dictionary<string, SalesforceRecordResult>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in successful.Rows)
        {
            var externalId = row.GetValueOrDefault(externalIdField) ?? string.Empty;
            byId[externalId] = new SalesforceRecordResult(externalId, VendorOutcome.Success, row.GetValueOrDefault("sf__Id"), string.Equals(row.GetValueOrDefault("sf__Created"), "true", StringComparison.OrdinalIgnoreCase), null);
        }

        foreach (var row in failed.Rows)
        {
            var externalId = row.GetValueOrDefault(externalIdField) ?? string.Empty;
            byId[externalId] = new SalesforceRecordResult(externalId, VendorOutcome.Validation, NullIfEmpty(row.GetValueOrDefault("sf__Id")), false, row.GetValueOrDefault("sf__Error"));
        }

        // Rows come back in any order; records in neither file were not processed (a failed job, a timed-out batch).
        return new SalesforceBatchResult(
            records.Select(r => byId.GetValueOrDefault(r.ExternalId)
                ?? new SalesforceRecordResult(r.ExternalId, jobError is null ? VendorOutcome.ServerError : VendorOutcome.Validation, null, false, jobError ?? "Bulk API did not process the record."))
                .ToList(),
            UsedBulkApi: true,
            jobId);
    }

    private async Task<(VendorOutcome Outcome, string? Error, List<Dictionary<string, string>> Rows)> CsvAsync(string uri, string operation, CancellationToken cancellationToken)
    {
        using var request = VendorRequest.Create(HttpMethod.Get, uri, operation);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.IsSuccess
            ? (VendorOutcome.Success, null, SalesforceCsv.Read(await response.TextAsync(cancellationToken).ConfigureAwait(false)))
            : (response.Outcome, response.Error, []);
    }

    private async Task<VendorResult<JsonObject>> SendAsync(HttpMethod method, string uri, string operation, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = VendorRequest.Create(method, uri, operation, content);
        return await _http.SendAsync(request, json => JsonRead.Object(json, "The job"), cancellationToken).ConfigureAwait(false);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Salesforce bulk job {JobId}: upserting {Count} {SObject} records")]
    private partial void LogJob(string jobId, string sObject, int count);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Salesforce bulk job {JobId} ended {State}")]
    private partial void LogFinished(string jobId, string state);
}
