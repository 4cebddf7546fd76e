using System.Globalization;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Salesforce.Bulk;

/// <summary>The states of a Bulk API 2.0 ingest job (vendor-facts §1.6).</summary>
internal enum BulkJobState
{
    Open,
    UploadComplete,
    InProgress,
    JobComplete,
    Failed,
    Aborted,
}

/// <summary>One ingest job: its definition, uploaded CSV, state, counters and result rows. Guarded by <see cref="BulkIngestJobs"/>.</summary>
internal sealed class BulkIngestJob
{
    public required string Id { get; init; }

    public required SalesforceObjectType Object { get; init; }

    /// <summary>insert, update, upsert, delete or hardDelete.</summary>
    public required string Operation { get; init; }

    public SalesforceField? ExternalIdField { get; init; }

    public required string LineEnding { get; init; }

    public required string ColumnDelimiter { get; init; }

    public required SalesforceApiVersion ApiVersion { get; init; }

    public required string CreatedById { get; init; }

    public required DateTimeOffset CreatedDate { get; init; }

    public DateTimeOffset SystemModstamp { get; set; }

    public BulkJobState State { get; set; } = BulkJobState.Open;

    public string? ErrorMessage { get; set; }

    /// <summary>Each PUT of CSV data, in order.</summary>
    public List<string> Uploads { get; } = [];

    /// <summary>The header of the uploaded data once processing has read it.</summary>
    public IReadOnlyList<string> Header { get; set; } = [];

    public List<IReadOnlyList<string>> Successful { get; } = [];

    public List<IReadOnlyList<string>> Failed { get; } = [];

    public List<IReadOnlyList<string>> Unprocessed { get; } = [];

    public int NumberRecordsProcessed { get; set; }

    public int NumberRecordsFailed { get; set; }

    public long TotalProcessingTime { get; set; }

    public long ApiActiveProcessingTime { get; set; }

    /// <summary>Timers that move the job along; disposed when the job is aborted or deleted.</summary>
    public List<ITimer> Timers { get; } = [];

    public bool IsTerminal => State is BulkJobState.JobComplete or BulkJobState.Failed or BulkJobState.Aborted;

    public char Delimiter => BulkColumnDelimiters.Character(ColumnDelimiter);

    public string LineBreak => LineEnding == "CRLF" ? "\r\n" : "\n";

    /// <summary>JobInfo as create and close return it.</summary>
    public JsonObject Info()
    {
        var info = new JsonObject
        {
            ["id"] = Id,
            ["operation"] = Operation,
            ["object"] = Object.Name,
            ["createdById"] = CreatedById,
            ["createdDate"] = SalesforceValues.FormatDateTime(CreatedDate),
            ["systemModstamp"] = SalesforceValues.FormatDateTime(SystemModstamp),
            ["state"] = State.ToString(),
        };
        if (ExternalIdField is not null)
        {
            info["externalIdFieldName"] = ExternalIdField.Name;
        }

        info["concurrencyMode"] = "Parallel";
        info["contentType"] = "CSV";
        info["apiVersion"] = decimal.Parse(ApiVersion.Text, CultureInfo.InvariantCulture);
        info["contentUrl"] = $"services/data/v{ApiVersion.Text}/jobs/ingest/{Id}/batches";
        info["lineEnding"] = LineEnding;
        info["columnDelimiter"] = ColumnDelimiter;
        return info;
    }

    /// <summary>JobInfo with the processing counters, as <c>GET …/jobs/ingest/{id}</c> returns it.</summary>
    public JsonObject FullInfo()
    {
        var info = Info();
        info["jobType"] = "V2Ingest";
        info["retries"] = 0;
        info["totalProcessingTime"] = TotalProcessingTime;
        info["apiActiveProcessingTime"] = ApiActiveProcessingTime;
        info["apexProcessingTime"] = 0;
        info["numberRecordsProcessed"] = NumberRecordsProcessed;
        info["numberRecordsFailed"] = NumberRecordsFailed;
        if (ErrorMessage is not null)
        {
            info["errorMessage"] = ErrorMessage;
        }

        return info;
    }

    public void StopTimers()
    {
        foreach (var timer in Timers)
        {
            timer.Dispose();
        }

        Timers.Clear();
    }
}

/// <summary>The column delimiters Bulk API 2.0 accepts.</summary>
internal static class BulkColumnDelimiters
{
    private static readonly Dictionary<string, char> ByName = new(StringComparer.Ordinal)
    {
        ["BACKQUOTE"] = '`',
        ["CARET"] = '^',
        ["COMMA"] = ',',
        ["PIPE"] = '|',
        ["SEMICOLON"] = ';',
        ["TAB"] = '\t',
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    public static char Character(string name) => ByName[name];
}
