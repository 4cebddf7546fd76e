using System.Globalization;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>In-memory records of one CRM object type, with the unique-property index HubSpot dedupes on.</summary>
public sealed class HubSpotObjectStore
{
    private readonly Dictionary<string, HubSpotRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byUnique = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _order = [];
    private readonly TimeProvider _clock;
    private readonly long _firstId;
    private long _nextId;

    public HubSpotObjectStore(HubSpotObjectType type, TimeProvider clock, long firstId)
    {
        Type = type;
        _clock = clock;
        _firstId = firstId;
        _nextId = firstId;
    }

    public HubSpotObjectType Type { get; }

    /// <summary>Guards every read and write; handlers hold it for the whole operation so batches are atomic.</summary>
    public Lock Gate { get; } = new();

    public int Count => _byId.Count;

    public HubSpotRecord? Find(string id, string? idProperty, bool archived = false)
    {
        HubSpotRecord? record;
        if (idProperty is null || idProperty == "hs_object_id")
        {
            _byId.TryGetValue(id, out record);
        }
        else if (idProperty == Type.UniqueProperty && _byUnique.TryGetValue(id.Trim(), out var found))
        {
            record = _byId[found];
        }
        else
        {
            record = idProperty is null ? null : _byId.Values.FirstOrDefault(r => !r.Archived && r.Properties.TryGetValue(idProperty, out var v) && v == id);
        }

        return record is not null && record.Archived == archived ? record : null;
    }

    /// <summary>The live record holding <paramref name="value"/> in the unique property, if any.</summary>
    public HubSpotRecord? FindUnique(string? value) =>
        value is not null && Type.UniqueProperty is not null && _byUnique.TryGetValue(value, out var id) ? _byId[id] : null;

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
        record.Properties["hs_object_id"] = id;
        record.Properties["createdate"] = HubSpotJson.Timestamp(now);
        Apply(record, values, now);
        _byId[id] = record;
        _order.Add(id);
        return record;
    }

    public void Update(HubSpotRecord record, IReadOnlyDictionary<string, string?> values) => Apply(record, values, _clock.GetUtcNow());

    public bool Archive(string id)
    {
        if (!_byId.TryGetValue(id, out var record) || record.Archived)
        {
            return false;
        }

        var now = _clock.GetUtcNow();
        record.Archived = true;
        record.ArchivedAt = now;
        record.UpdatedAt = now;
        if (Type.UniqueProperty is { } unique && record.Properties.TryGetValue(unique, out var value))
        {
            _byUnique.Remove(value);
        }

        return true;
    }

    /// <summary>Records in creation order, for paging by offset cursor.</summary>
    public IEnumerable<HubSpotRecord> All(bool archived = false) =>
        _order.Select(id => _byId[id]).Where(r => r.Archived == archived);

    public void Clear()
    {
        _byId.Clear();
        _byUnique.Clear();
        _order.Clear();
        _nextId = _firstId;
    }

    private void Apply(HubSpotRecord record, IReadOnlyDictionary<string, string?> values, DateTimeOffset now)
    {
        foreach (var (name, value) in values)
        {
            if (name == Type.UniqueProperty && record.Properties.TryGetValue(name, out var old))
            {
                _byUnique.Remove(old);
            }

            if (value is null)
            {
                record.Properties.Remove(name);
            }
            else
            {
                record.Properties[name] = value;
                if (name == Type.UniqueProperty && value.Length > 0)
                {
                    _byUnique[value] = record.Id;
                }
            }
        }

        record.UpdatedAt = now;
        record.Properties["lastmodifieddate"] = HubSpotJson.Timestamp(now);
    }
}
