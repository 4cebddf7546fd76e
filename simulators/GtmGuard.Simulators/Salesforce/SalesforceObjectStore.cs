namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// Records of one sObject in creation order, with an index per unique external id. Deleted records stay
/// (IsDeleted = true) as in the recycle bin, so queryAll still sees them. Callers hold the database gate.
/// </summary>
internal sealed class SalesforceObjectStore
{
    private readonly Dictionary<string, SalesforceRecord> _byId = new(StringComparer.Ordinal);
    private readonly List<SalesforceRecord> _order = [];
    private readonly Dictionary<string, Dictionary<string, string>> _unique = new(StringComparer.Ordinal);
    private long _sequence;

    public SalesforceObjectStore(SalesforceObjectType type)
    {
        Type = type;
        foreach (var field in type.ExternalIdFields.Where(f => f.Unique))
        {
            // External ids are case-insensitive unless marked case-sensitive, which the simulator does not model.
            _unique[field.Name] = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }
    }

    public SalesforceObjectType Type { get; }

    public int LiveCount => _order.Count(r => !r.IsDeleted);

    public int DeletedCount => _order.Count(r => r.IsDeleted);

    public string NextId() => SalesforceIds.Create(Type.KeyPrefix, ++_sequence);

    /// <summary>The record with this 18-character id, deleted or not.</summary>
    public SalesforceRecord? Find(string id) => _byId.GetValueOrDefault(id);

    public IEnumerable<SalesforceRecord> All(bool includeDeleted) => includeDeleted ? _order : _order.Where(r => !r.IsDeleted);

    /// <summary>Live records whose external id field holds <paramref name="value"/>, compared case-insensitively.</summary>
    public IReadOnlyList<SalesforceRecord> FindByExternalId(SalesforceField field, string value)
    {
        if (_unique.TryGetValue(field.Name, out var index))
        {
            return index.TryGetValue(value, out var id) ? [_byId[id]] : [];
        }

        return _order.Where(r => !r.IsDeleted && r[field.Name] is { } v && string.Equals(SalesforceValues.Text(v), value, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The id of another live record holding a unique value, if any.</summary>
    public string? UniqueConflict(string fieldName, object? value, string? selfId) =>
        value is not null && _unique.TryGetValue(fieldName, out var index) && index.TryGetValue(SalesforceValues.Text(value), out var id) && id != selfId
            ? id
            : null;

    public void Insert(SalesforceRecord record, SalesforceUndoLog? undo)
    {
        _byId[record.Id] = record;
        _order.Add(record);
        Index(record);
        undo?.Record(() =>
        {
            Unindex(record);
            _byId.Remove(record.Id);
            _order.Remove(record);
        });
    }

    public void Replace(SalesforceRecord record, Dictionary<string, object> values, SalesforceUndoLog? undo)
    {
        var previous = record.Values;
        Unindex(record);
        record.Values = values;
        Index(record);
        undo?.Record(() =>
        {
            Unindex(record);
            record.Values = previous;
            Index(record);
        });
    }

    public void Clear()
    {
        _byId.Clear();
        _order.Clear();
        foreach (var index in _unique.Values)
        {
            index.Clear();
        }

        _sequence = 0;
    }

    private void Index(SalesforceRecord record)
    {
        if (record.IsDeleted)
        {
            return;
        }

        foreach (var (field, index) in _unique)
        {
            if (record[field] is { } value)
            {
                index[SalesforceValues.Text(value)] = record.Id;
            }
        }
    }

    private void Unindex(SalesforceRecord record)
    {
        foreach (var (field, index) in _unique)
        {
            if (record[field] is { } value && index.TryGetValue(SalesforceValues.Text(value), out var holder) && holder == record.Id)
            {
                index.Remove(SalesforceValues.Text(value));
            }
        }
    }
}
