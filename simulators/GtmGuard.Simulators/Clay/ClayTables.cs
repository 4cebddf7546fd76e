using System.Globalization;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Clay;

/// <summary>Every table of the workspace, found by id, name or webhook source; one lock guards tables and rows.</summary>
internal sealed class ClayTables
{
    private readonly List<ClayTable> _tables;
    private readonly TimeProvider _clock;
    private long _nextRow;

    public ClayTables(IEnumerable<ClayTableOptions> tables, TimeProvider clock)
    {
        _tables = tables.Select(t => new ClayTable(t)).ToList();
        _clock = clock;
    }

    public Lock Gate { get; } = new();

    public IReadOnlyList<ClayTable> All => _tables;

    public ClayTable? Find(string idOrName) =>
        _tables.FirstOrDefault(t => t.Id == idOrName) ?? _tables.FirstOrDefault(t => string.Equals(t.Name, idOrName, StringComparison.OrdinalIgnoreCase));

    public ClayTable? FindBySource(string sourceId) => _tables.FirstOrDefault(t => t.WebhookSourceId == sourceId);

    /// <summary>Creates rows for the submitted objects; the caller holds <see cref="Gate"/> and has checked the cap.</summary>
    public IReadOnlyList<ClayRow> Append(ClayTable table, IReadOnlyList<JsonObject> submitted)
    {
        var now = _clock.GetUtcNow();
        var rows = submitted.Select(fields => new ClayRow
        {
            Id = "r_" + (++_nextRow).ToString("D10", CultureInfo.InvariantCulture),
            TableId = table.Id,
            Fields = fields,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        table.Add(rows);
        return rows;
    }

    public int RowCount => _tables.Sum(t => t.Rows.Count);

    public void Reset()
    {
        foreach (var table in _tables)
        {
            table.Reset();
        }

        _nextRow = 0;
    }
}
