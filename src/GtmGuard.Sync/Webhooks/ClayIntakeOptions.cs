namespace GtmGuard.Sync.Webhooks;

/// <summary>Clay callback intake (section <c>Sync:Intake:Clay</c>): enriched rows POSTed by an HTTP API column.</summary>
public sealed class ClayIntakeOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The header our Clay column sends the shared token in.</summary>
    public string TokenHeader { get; set; } = "x-clay-webhook-auth";

    /// <summary>Environment variable holding the shared token configured in the Clay column's headers.</summary>
    public string? TokenEnv { get; set; }

    /// <summary>File holding the shared token (used when <see cref="TokenEnv"/> is not set).</summary>
    public string? TokenFile { get; set; }

    /// <summary>
    /// Row fields tried, in order, for the record a row updates (watermarks are per record): default <c>email</c>,
    /// <c>clay_row_id</c>, <c>row_id</c>, <c>rowId</c>, <c>id</c>; without any, the row itself. Null means the default
    /// (configuration binding would append to a pre-filled list).
    /// </summary>
    public List<string>? RecordKeyFields { get; set; }

    /// <summary>A row field with the row's change time (ISO 8601 or Unix milliseconds); rows without it take their arrival time.</summary>
    public string? EventTimeField { get; set; } = "updatedAt";

    internal IReadOnlyList<string> RecordKeyFieldsOrDefault => RecordKeyFields ?? ["email", "clay_row_id", "row_id", "rowId", "id"];
}
