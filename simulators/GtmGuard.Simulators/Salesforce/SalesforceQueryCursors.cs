using System.Globalization;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// Open query cursors: the rest of a result set that did not fit on the first page, reachable through
/// <c>nextRecordsUrl</c> (<c>…/query/01g…-2000</c>). Like Salesforce's, a cursor dies after 15 idle minutes
/// and only a handful stay open per user.
/// </summary>
internal sealed class SalesforceQueryCursors
{
    private const int MaxOpen = 50;
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(15);

    private readonly Dictionary<string, Cursor> _open = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private long _sequence;

    public SalesforceQueryCursors(TimeProvider clock) => _clock = clock;

    /// <summary>Keeps the records after the first page; returns the cursor id.</summary>
    public string Open(IReadOnlyList<JsonObject> records, int batchSize)
    {
        lock (_gate)
        {
            if (_open.Count >= MaxOpen)
            {
                _open.Remove(_open.MinBy(c => c.Value.LastUsed).Key);
            }

            var id = SalesforceIds.Create("01g", ++_sequence);
            _open[id] = new Cursor(records, batchSize) { LastUsed = _clock.GetUtcNow() };
            return id;
        }
    }

    /// <summary>The page starting at the locator's offset, and the next locator if more remain; null when the locator is unknown or expired.</summary>
    public (int Total, IReadOnlyList<JsonObject> Page, string? Next)? Fetch(string locator)
    {
        var dash = locator.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(locator[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return null;
        }

        var id = locator[..dash];
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (!_open.TryGetValue(id, out var cursor) || now - cursor.LastUsed > IdleLifetime || offset > cursor.Records.Count)
            {
                _open.Remove(id);
                return null;
            }

            cursor.LastUsed = now;
            var page = cursor.Records.Skip(offset).Take(cursor.BatchSize).ToList();
            var end = offset + page.Count;
            return (cursor.Records.Count, page, end < cursor.Records.Count ? Locator(id, end) : null);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _open.Clear();
        }
    }

    public static string Locator(string id, int offset) => id + "-" + offset.ToString(CultureInfo.InvariantCulture);

    private sealed class Cursor(IReadOnlyList<JsonObject> records, int batchSize)
    {
        public IReadOnlyList<JsonObject> Records { get; } = records;

        public int BatchSize { get; } = batchSize;

        public DateTimeOffset LastUsed { get; set; }
    }
}
