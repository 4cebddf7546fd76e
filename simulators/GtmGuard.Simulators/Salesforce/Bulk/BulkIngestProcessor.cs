namespace GtmGuard.Simulators.Salesforce.Bulk;

/// <summary>
/// Applies a closed job's CSV row by row with the same validation as REST. A row that fails lands in the
/// failed results; a problem with the data as a whole (line endings, broken CSV, unknown column) fails the job.
/// </summary>
internal sealed class BulkIngestProcessor
{
    private readonly SalesforceDatabase _database;
    private readonly SalesforceDml _dml;

    public BulkIngestProcessor(SalesforceDatabase database, SalesforceDml dml)
    {
        _database = database;
        _dml = dml;
    }

    /// <summary>Processes the job's uploads; the caller holds the jobs' lock.</summary>
    public void Process(BulkIngestJob job)
    {
        if (Read(job) is not { } rows)
        {
            job.State = BulkJobState.Failed;
            return;
        }

        var header = job.Header.Select(name => job.Object.Field(name)).ToList();
        if (header.FindIndex(f => f is null) is var missing && missing >= 0)
        {
            Fail(job, rows, $"InvalidBatch : Field name not found : {job.Header[missing]}");
            return;
        }

        lock (_database.Gate)
        {
            foreach (var row in rows)
            {
                var result = Apply(job, header!, row);
                if (result.Success)
                {
                    job.Successful.Add([result.Id!, result.Created ? "true" : "false", .. row]);
                }
                else
                {
                    job.Failed.Add([result.Id ?? string.Empty, result.Errors[0].BulkText, .. row]);
                }
            }
        }

        job.NumberRecordsProcessed = rows.Count;
        job.NumberRecordsFailed = job.Failed.Count;
        job.State = BulkJobState.JobComplete;
    }

    private SalesforceDmlResult Apply(BulkIngestJob job, List<SalesforceField> header, IReadOnlyList<string> row)
    {
        if (row.Count != header.Count)
        {
            return SalesforceDmlResult.Failed(null, new SalesforceError("INVALID_FIELD", $"The row has {row.Count} values but the header has {header.Count} columns", []));
        }

        var type = job.Object;
        var idColumn = header.FindIndex(f => f.Name == "Id");
        var rawId = idColumn >= 0 ? row[idColumn] : string.Empty;
        if (job.Operation is "delete" or "hardDelete")
        {
            return rawId.Length == 0
                ? SalesforceDmlResult.Failed(null, new SalesforceError("MISSING_ARGUMENT", "Id not specified in a delete call", []))
                : _dml.Delete(rawId);
        }

        // On insert an empty cell is null; on update and upsert it leaves the field as it is (#N/A clears it).
        if (SalesforceRecordInput.TryRead(header, row, emptyMeansNull: job.Operation == "insert", out var input) is { } invalid)
        {
            return SalesforceDmlResult.Failed(rawId.Length > 0 ? rawId : null, invalid);
        }

        switch (job.Operation)
        {
            case "insert":
                return _dml.Insert(type, input);
            case "update":
                if (rawId.Length == 0)
                {
                    return SalesforceDmlResult.Failed(null, new SalesforceError("MISSING_ARGUMENT", "Id not specified in an update call", []));
                }

                return SalesforceIds.TryNormalize(rawId, out var id) && SalesforceIds.HasPrefix(id, type.KeyPrefix)
                    ? _dml.Update(type, id, input)
                    : SalesforceDmlResult.Failed(rawId, SalesforceError.MalformedId(rawId));
            default:
                var external = job.ExternalIdField!;
                var keyColumn = header.FindIndex(f => f.Name == external.Name);
                var key = keyColumn >= 0 ? row[keyColumn] : string.Empty;
                return key.Length == 0
                    ? SalesforceDmlResult.Failed(null, new SalesforceError("MISSING_ARGUMENT", $"{external.Name} not specified", []))
                    : _dml.Upsert(type, external, key, input);
        }
    }

    /// <summary>The data rows of every upload under one header; null (job failed) when the data cannot be read.</summary>
    private static List<IReadOnlyList<string>>? Read(BulkIngestJob job)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var upload in job.Uploads)
        {
            if (LineEndingMismatch(job, upload))
            {
                job.ErrorMessage = $"ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is {job.LineEnding}";
                return null;
            }

            List<List<string>> records;
            try
            {
                records = Csv.Parse(upload, job.Delimiter);
            }
            catch (FormatException ex)
            {
                job.ErrorMessage = $"ClientInputError : {ex.Message}";
                return null;
            }

            records.RemoveAll(r => r.Count == 1 && r[0].Length == 0);
            if (records.Count == 0)
            {
                continue;
            }

            if (job.Header.Count == 0)
            {
                job.Header = records[0];
            }
            else if (!records[0].SequenceEqual(job.Header, StringComparer.OrdinalIgnoreCase))
            {
                job.ErrorMessage = "InvalidBatch : Every upload to a job must have the same header row";
                return null;
            }

            rows.AddRange(records.Skip(1));
        }

        return rows;
    }

    /// <summary>LF jobs must not contain CRLF line breaks, and CRLF jobs must not contain bare LF ones.</summary>
    private static bool LineEndingMismatch(BulkIngestJob job, string data)
    {
        var hasCrLf = data.Contains("\r\n", StringComparison.Ordinal);
        var hasBareLf = data.Replace("\r\n", string.Empty, StringComparison.Ordinal).Contains('\n', StringComparison.Ordinal);
        return job.LineEnding == "LF" ? hasCrLf : hasBareLf;
    }

    private static void Fail(BulkIngestJob job, List<IReadOnlyList<string>> rows, string message)
    {
        job.State = BulkJobState.Failed;
        job.ErrorMessage = message;
        job.Unprocessed.AddRange(rows);
    }
}
