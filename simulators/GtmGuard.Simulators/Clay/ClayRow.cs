using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Clay;

/// <summary>One table row: the fields a webhook submission carried, plus what enrichment found. Guarded by <see cref="ClayTables.Gate"/>.</summary>
internal sealed class ClayRow
{
    public required string Id { get; init; }

    public required string TableId { get; init; }

    /// <summary>The submitted JSON object, detached and never mutated.</summary>
    public required JsonObject Fields { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string Status { get; set; } = ClayRowStatus.Queued;

    public ClayEnrichment? Enrichment { get; set; }

    public DateTimeOffset? EnrichedAt { get; set; }

    /// <summary>Set when the row is deleted, so a pending enrichment skips it.</summary>
    public bool Deleted { get; set; }

    /// <summary>The row as the control API and the HTTP API callback show it: its fields, then id, status and enrichment.</summary>
    public JsonObject ToJson()
    {
        var json = (JsonObject)Fields.DeepClone();
        json["clay_row_id"] = Id;
        json["clay_table_id"] = TableId;
        json["clay_status"] = Status;
        json["enrichment"] = Enrichment?.ToJson();
        return json;
    }
}
