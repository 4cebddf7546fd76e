namespace GtmGuard.Simulators.Clay;

/// <summary>One table and its webhook source. Guarded by <see cref="ClayTables.Gate"/>.</summary>
internal sealed class ClayTable
{
    private readonly List<ClayRow> _rows = [];

    public ClayTable(ClayTableOptions options)
    {
        Id = options.Id;
        Name = string.IsNullOrEmpty(options.Name) ? options.Id : options.Name;
        WebhookSourceId = options.WebhookSourceId;
        WebhookAuthToken = string.IsNullOrEmpty(options.WebhookAuthToken) ? null : options.WebhookAuthToken;
    }

    public string Id { get; }

    public string Name { get; }

    public string WebhookSourceId { get; }

    public string? WebhookAuthToken { get; }

    /// <summary>Rows the source has ever accepted; deleting rows does not lower it.</summary>
    public long Submissions { get; private set; }

    public IReadOnlyList<ClayRow> Rows => _rows;

    public ClayCallbackTarget? Callback { get; set; }

    public void Add(IEnumerable<ClayRow> rows)
    {
        foreach (var row in rows)
        {
            _rows.Add(row);
            Submissions++;
        }
    }

    public int DeleteRows()
    {
        var count = _rows.Count;
        foreach (var row in _rows)
        {
            row.Deleted = true;
        }

        _rows.Clear();
        return count;
    }

    public void Reset()
    {
        DeleteRows();
        Submissions = 0;
    }
}
