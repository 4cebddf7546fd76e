using System.Globalization;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>In-memory records of one CRM object type, with an index per unique-value property (email, custom ids).</summary>
public sealed class HubSpotObjectStore
{
    private readonly Dictionary<string, HubSpotRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _unique = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly List<int> _archivedPositions = []; // indexes into _order, ascending

    private readonly TimeProvider _clock;
    private readonly long _firstId;
    private long _nextId;

    public HubSpotObjectStore(HubSpotObjectType type, TimeProvider clock, long firstId)
    {
        Type = type;
        _clock = clock;
        _firstId = firstId;
        _nextId = firstId;
        foreach (var property in type.UniqueProperties)
        {
            _unique[property] = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }
    }

    public HubSpotObjectType Type { get; }

    /// <summary>Guards every read and write; handlers hold it for the whole operation so batches are atomic.</summary>
    public Lock Gate { get; } = new();

    public int Count => _byId.Count;

    /// <summary>Told of every creation, property change and archive, inside the store's lock (webhooks listen here).</summary>
    internal Action<HubSpotChange>? Changed { get; set; }

    /// <summary>Looks a record up by id, or by a unique-value property when <paramref name="idProperty"/> names one.</summary>
    public HubSpotRecord? Find(string id, string? idProperty, bool archived = false)
    {
        HubSpotRecord? record = null;
        if (idProperty is null or HubSpotObjectType.ObjectIdProperty)
        {
            _byId.TryGetValue(id, out record);
        }
        else if (_unique.TryGetValue(idProperty, out var index) && index.TryGetValue(id.Trim(), out var found))
        {
            record = _byId[found];
        }

        return record is not null && record.Archived == archived ? record : null;
    }

    /// <summary>The first live record other than <paramref name="selfId"/> already holding one of the unique values in <paramref name="values"/>.</summary>
    public (string Property, HubSpotRecord Holder)? FindUniqueHolder(IReadOnlyDictionary<string, string?> values, string? selfId)
    {
        foreach (var (property, index) in _unique)
        {
            if (values.GetValueOrDefault(property) is { Length: > 0 } value
                && index.TryGetValue(value, out var holderId)
                && holderId != selfId)
            {
                return (property, _byId[holderId]);
            }
        }

        return null;
    }

    public HubSpotRecord Create(IReadOnlyDictionary<string, string?> values)
    {
        var now = _clock.GetUtcNow();
        var id = (_nextId++).ToString(CultureInfo.InvariantCulture);
        var record = new HubSpotRecord
        {
            Id = id,
            Properties = new Dictionary<string, string>(StringComparer.Ordinal),
            CreatedAt = now,
            UpdatedAt = now,
        };
        record.Properties[HubSpotObjectType.ObjectIdProperty] = id;
        record.Properties["createdate"] = HubSpotJson.Timestamp(now);
        Apply(record, values, now, notify: false);
        _byId[id] = record;
        _order.Add(id);
        if (Changed is { } changed)
        {
            // A creation also sets properties: property-change subscriptions hear of each one, as on HubSpot.
            changed(new HubSpotChange(HubSpotChangeKind.Created, record, null, null, now));
            foreach (var (name, value) in values.Where(v => !string.IsNullOrEmpty(v.Value)))
            {
                changed(new HubSpotChange(HubSpotChangeKind.PropertyChanged, record, name, value, now));
            }
        }

        return record;
    }

    public void Update(HubSpotRecord record, IReadOnlyDictionary<string, string?> values) => Apply(record, values, _clock.GetUtcNow(), notify: true);

    public bool Archive(string id)
    {
        if (!_byId.TryGetValue(id, out var record) || record.Archived)
        {
            return false;
        }

        var now = _clock.GetUtcNow();
        record.Archived = true;
        var position = PositionOf(id);
        var at = _archivedPositions.BinarySearch(position);
        _archivedPositions.Insert(at < 0 ? ~at : at, position);
        record.ArchivedAt = now;
        record.UpdatedAt = now;
        foreach (var (property, index) in _unique)
        {
            if (record.Properties.TryGetValue(property, out var value))
            {
                index.Remove(value);
            }
        }

        Changed?.Invoke(new HubSpotChange(HubSpotChangeKind.Archived, record, null, null, now));
        return true;
    }

    /// <summary>Records in creation (and so id) order.</summary>
    public IEnumerable<HubSpotRecord> All(bool archived = false) =>
        _order.Select(id => _byId[id]).Where(r => r.Archived == archived);

    /// <summary>
    /// Records <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="limit"/> of the live ones in
    /// creation order followed by the archived ones, read by index: paging through millions of records costs each page
    /// its own length (plus one pass over the archived positions to find where the page starts).
    /// </summary>
    public IReadOnlyList<HubSpotRecord> Page(int offset, int limit)
    {
        var live = _order.Count - _archivedPositions.Count;
        var page = new List<HubSpotRecord>(Math.Clamp(Math.Min(limit, _order.Count - offset), 0, _order.Count));
        if (offset < live)
        {
            // The offset-th live record sits one place further for every archived one at or before it.
            var position = offset;
            foreach (var archived in _archivedPositions)
            {
                if (archived > position)
                {
                    break;
                }

                position++;
            }

            for (var i = position; i < _order.Count && page.Count < limit; i++)
            {
                if (_byId[_order[i]] is { Archived: false } record)
                {
                    page.Add(record);
                }
            }
        }

        for (var j = Math.Max(0, offset - live); j < _archivedPositions.Count && page.Count < limit; j++)
        {
            page.Add(_byId[_order[_archivedPositions[j]]]);
        }

        return page;
    }

    public void Clear()
    {
        _byId.Clear();
        _order.Clear();
        _archivedPositions.Clear();
        foreach (var index in _unique.Values)
        {
            index.Clear();
        }

        _nextId = _firstId;
    }

    /// <summary>Where a record sits in creation order: ids are handed out one after another from the first id.</summary>
    private int PositionOf(string id)
    {
        var position = (int)(long.Parse(id, CultureInfo.InvariantCulture) - _firstId);
        return position >= 0 && position < _order.Count && _order[position] == id ? position : _order.IndexOf(id);
    }

    private void Apply(HubSpotRecord record, IReadOnlyDictionary<string, string?> values, DateTimeOffset now, bool notify)
    {
        foreach (var (name, value) in values)
        {
            var previous = record.Properties.GetValueOrDefault(name);
            if (notify && previous != (string.IsNullOrEmpty(value) ? null : value))
            {
                Changed?.Invoke(new HubSpotChange(HubSpotChangeKind.PropertyChanged, record, name, string.IsNullOrEmpty(value) ? string.Empty : value, now));
            }

            _unique.TryGetValue(name, out var index);
            if (index is not null && record.Properties.TryGetValue(name, out var old))
            {
                index.Remove(old);
            }

            if (string.IsNullOrEmpty(value))
            {
                // HubSpot clears a property written as "" or null.
                record.Properties.Remove(name);
                continue;
            }

            record.Properties[name] = value;
            if (index is not null)
            {
                index[value] = record.Id;
            }
        }

        record.UpdatedAt = now;
        record.Properties["lastmodifieddate"] = HubSpotJson.Timestamp(now);
    }
}
