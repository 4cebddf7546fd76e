using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Salesforce.Bulk;

/// <summary>
/// Bulk API 2.0 ingest under <c>…/jobs/ingest</c> (vendor-facts §1.6): create, upload CSV, close or abort,
/// poll, list, results as CSV, delete. State errors answer 400 INVALIDJOBSTATE, definition errors 400 INVALIDJOB.
/// </summary>
internal sealed class BulkIngestEndpoints
{
    private const int FirstVersion = 41;
    private static readonly string[] Operations = ["insert", "update", "upsert", "delete", "hardDelete"];

    private readonly BulkIngestJobs _jobs;
    private readonly SalesforceSchema _schema;
    private readonly string _userId;
    private readonly TimeProvider _clock;

    public BulkIngestEndpoints(BulkIngestJobs jobs, SalesforceSchema schema, string userId, TimeProvider clock)
    {
        _jobs = jobs;
        _schema = schema;
        _userId = userId;
        _clock = clock;
    }

    public IEnumerable<SimRoute> Routes(SalesforceApiVersions versions)
    {
        const string path = "/services/data/v{version}/jobs/ingest";
        yield return new SimRoute("POST", path, "bulk.createJob", versions.Versioned(Since(Create)));
        yield return new SimRoute("GET", path, "bulk.listJobs", versions.Versioned(Since(List)));
        yield return new SimRoute("GET", path + "/{jobId}", "bulk.getJob", versions.Versioned(Since(Get)));
        yield return new SimRoute("PATCH", path + "/{jobId}", "bulk.changeState", versions.Versioned(Since(ChangeState)));
        yield return new SimRoute("DELETE", path + "/{jobId}", "bulk.deleteJob", versions.Versioned(Since(Delete)));
        yield return new SimRoute("PUT", path + "/{jobId}/batches", "bulk.upload", versions.Versioned(Since(Upload)));
        yield return new SimRoute("GET", path + "/{jobId}/successfulResults", "bulk.successfulResults", versions.Versioned(Since((r, _) => Results(r, ResultKind.Successful))));
        yield return new SimRoute("GET", path + "/{jobId}/failedResults", "bulk.failedResults", versions.Versioned(Since((r, _) => Results(r, ResultKind.Failed))));
        yield return new SimRoute("GET", path + "/{jobId}/unprocessedrecords", "bulk.unprocessedRecords", versions.Versioned(Since((r, _) => Results(r, ResultKind.Unprocessed))));
    }

    private enum ResultKind
    {
        Successful,
        Failed,
        Unprocessed,
    }

    private static Func<SimRequest, SalesforceApiVersion, SimResponse> Since(Func<SimRequest, SalesforceApiVersion, SimResponse> handler) =>
        (request, version) => version.Major >= FirstVersion ? handler(request, version) : SalesforceResponses.NotFound();

    private SimResponse Create(SimRequest request, SalesforceApiVersion version)
    {
        var body = SalesforceBody.Object(request, "JobInfo");
        var objectName = SalesforceBody.Text(body, "object");
        var operation = SalesforceBody.Text(body, "operation");
        var externalIdName = SalesforceBody.Text(body, "externalIdFieldName");
        var lineEnding = SalesforceBody.Text(body, "lineEnding") ?? "LF";
        var delimiter = SalesforceBody.Text(body, "columnDelimiter") ?? "COMMA";
        var contentType = SalesforceBody.Text(body, "contentType") ?? "CSV";
        if (string.IsNullOrEmpty(objectName) || _schema.Find(objectName) is not { } type)
        {
            return InvalidJob(string.IsNullOrEmpty(objectName) ? "InvalidJob : Object is required" : $"InvalidJob : Unable to find object: {objectName}");
        }

        if (operation is null || !Operations.Contains(operation, StringComparer.Ordinal))
        {
            return InvalidJob($"InvalidJob : Invalid operation '{operation}'. Valid operations: {string.Join(", ", Operations)}");
        }

        SalesforceField? externalId = null;
        if (operation == "upsert")
        {
            if (string.IsNullOrEmpty(externalIdName))
            {
                return InvalidJob($"InvalidJob : External ID was blank for {type.Name}. An External ID must be specified for upsert.");
            }

            externalId = type.Field(externalIdName) is { } field && (field.ExternalId || field.Name == "Id")
                ? field
                : null;
            if (externalId is null)
            {
                return InvalidJob($"InvalidJob : The field {externalIdName} is not an External ID or indexed field for {type.Name}");
            }
        }

        if (contentType != "CSV" || lineEnding is not ("LF" or "CRLF") || !BulkColumnDelimiters.IsKnown(delimiter))
        {
            return InvalidJob($"InvalidJob : contentType must be CSV, lineEnding LF or CRLF, columnDelimiter one of {string.Join(", ", BulkColumnDelimiters.Names)}");
        }

        var now = SalesforceValues.Truncate(_clock.GetUtcNow());
        lock (_jobs.Gate)
        {
            var job = new BulkIngestJob
            {
                Id = _jobs.NextId(),
                Object = type,
                Operation = operation,
                ExternalIdField = externalId,
                LineEnding = lineEnding,
                ColumnDelimiter = delimiter,
                ApiVersion = version,
                CreatedById = _userId,
                CreatedDate = now,
                SystemModstamp = now,
            };
            _jobs.Add(job);
            return SalesforceResponses.Json(200, job.Info());
        }
    }

    private SimResponse List(SimRequest request, SalesforceApiVersion version)
    {
        lock (_jobs.Gate)
        {
            var records = new JsonArray(_jobs.All().Select(j => (JsonNode)j.FullInfo()).ToArray());
            return SalesforceResponses.Json(200, new JsonObject { ["done"] = true, ["records"] = records, ["nextRecordsUrl"] = null });
        }
    }

    private SimResponse Get(SimRequest request, SalesforceApiVersion version)
    {
        lock (_jobs.Gate)
        {
            return _jobs.Find(request.Route("jobId")) is { } job ? SalesforceResponses.Json(200, job.FullInfo()) : SalesforceResponses.NotFound();
        }
    }

    private SimResponse Upload(SimRequest request, SalesforceApiVersion version)
    {
        if (request.ContentType is not { } contentType || !contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException(request.ContentType ?? "none");
        }

        lock (_jobs.Gate)
        {
            if (_jobs.Find(request.Route("jobId")) is not { } job)
            {
                return SalesforceResponses.NotFound();
            }

            if (job.State != BulkJobState.Open)
            {
                return InvalidState($"Unable to upload data: job {job.Id} is in state {job.State}, not Open");
            }

            // A byte-order mark would otherwise become part of the first column's name.
            job.Uploads.Add(request.BodyText.TrimStart('\uFEFF'));
            job.SystemModstamp = SalesforceValues.Truncate(_clock.GetUtcNow());
            return SimResponse.Empty(201);
        }
    }

    private SimResponse ChangeState(SimRequest request, SalesforceApiVersion version)
    {
        var requested = SalesforceBody.Text(SalesforceBody.Object(request, "JobInfo"), "state");
        lock (_jobs.Gate)
        {
            if (_jobs.Find(request.Route("jobId")) is not { } job)
            {
                return SalesforceResponses.NotFound();
            }

            switch (requested)
            {
                case "UploadComplete" when job.State == BulkJobState.Open:
                    _jobs.Close(job);
                    break;
                case "Aborted" when !job.IsTerminal:
                    _jobs.Abort(job);
                    break;
                case "UploadComplete" or "Aborted":
                    return InvalidState($"Unable to change the state of job {job.Id} from {job.State} to {requested}");
                default:
                    return InvalidState($"Invalid state '{requested}': a job can only be set to UploadComplete or Aborted");
            }

            return SalesforceResponses.Json(200, job.Info());
        }
    }

    private SimResponse Delete(SimRequest request, SalesforceApiVersion version)
    {
        lock (_jobs.Gate)
        {
            if (_jobs.Find(request.Route("jobId")) is not { } job)
            {
                return SalesforceResponses.NotFound();
            }

            // Only a job that will not change any more can be deleted.
            if (job.State is BulkJobState.Open or BulkJobState.InProgress)
            {
                return InvalidState($"Unable to delete job {job.Id} in state {job.State}");
            }

            _jobs.Remove(job);
            return SimResponse.Empty(204);
        }
    }

    private SimResponse Results(SimRequest request, ResultKind kind)
    {
        lock (_jobs.Gate)
        {
            if (_jobs.Find(request.Route("jobId")) is not { } job)
            {
                return SalesforceResponses.NotFound();
            }

            if (!job.IsTerminal)
            {
                return InvalidState($"Results are not available: job {job.Id} is in state {job.State}");
            }

            var (header, rows) = kind switch
            {
                ResultKind.Successful => ((IReadOnlyList<string>)["sf__Id", "sf__Created", .. job.Header], job.Successful),
                ResultKind.Failed => (["sf__Id", "sf__Error", .. job.Header], job.Failed),
                _ => (job.Header, job.Unprocessed),
            };
            var csv = header.Count == 0 ? string.Empty : Csv.Write([header, .. rows], job.Delimiter, job.LineBreak);
            return SimResponse.Text(200, csv, SalesforceResponses.CsvContentType);
        }
    }

    private static SimResponse InvalidJob(string message) => SalesforceResponses.Error(400, "INVALIDJOB", message);

    // The state errors' exact wording is not in the sources we could read; code and status follow the Bulk API 2.0 error list.
    private static SimResponse InvalidState(string message) => SalesforceResponses.Error(400, "INVALIDJOBSTATE", message);
}
