namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// Insert, update, upsert and delete of single records with the same validation for REST, sObject
/// Collections and Bulk API 2.0. Callers hold <see cref="SalesforceDatabase.Gate"/>.
/// </summary>
internal sealed class SalesforceDml
{
    private readonly SalesforceDatabase _database;

    public SalesforceDml(SalesforceDatabase database) => _database = database;

    public SalesforceDmlResult Insert(SalesforceObjectType type, SalesforceRecordInput input, SalesforceUndoLog? undo = null)
    {
        if (input.ReadOnlyError is { } readOnly)
        {
            return SalesforceDmlResult.Failed(null, readOnly);
        }

        var now = Now();
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in type.Defaults)
        {
            values[name] = value;
        }

        values["OwnerId"] = _database.UserId;
        Overlay(values, input.Values);

        // Checkboxes are never null in Salesforce.
        foreach (var checkbox in type.Fields.Where(f => f.Type == SalesforceFieldType.Boolean && f.Writable))
        {
            values.TryAdd(checkbox.Name, false);
        }

        var errors = SalesforceRecordValidator.Validate(_database, type, values, null);
        if (errors.Count > 0)
        {
            return new SalesforceDmlResult(null, false, errors);
        }

        var store = _database.Store(type);
        var id = store.NextId();
        values["Id"] = id;
        values["IsDeleted"] = false;
        values["CreatedDate"] = now;
        values["CreatedById"] = _database.UserId;
        Stamp(type, values, now);
        store.Insert(new SalesforceRecord(id, type, values), undo);
        return SalesforceDmlResult.Saved(id, created: true);
    }

    /// <summary>Updates a live record; a deleted or unknown id is the per-record error Salesforce gives.</summary>
    public SalesforceDmlResult Update(SalesforceObjectType type, string id, SalesforceRecordInput input, SalesforceUndoLog? undo = null)
    {
        var store = _database.Store(type);
        if (store.Find(id) is not { } record)
        {
            return SalesforceDmlResult.Failed(id, SalesforceError.InvalidCrossReference);
        }

        if (record.IsDeleted)
        {
            return SalesforceDmlResult.Failed(id, SalesforceError.EntityIsDeleted);
        }

        if (input.ReadOnlyError is { } readOnly)
        {
            return SalesforceDmlResult.Failed(id, readOnly);
        }

        var values = new Dictionary<string, object>(record.Values, StringComparer.Ordinal);
        Overlay(values, input.Values);
        var errors = SalesforceRecordValidator.Validate(_database, type, values, id);
        if (errors.Count > 0)
        {
            return new SalesforceDmlResult(id, false, errors);
        }

        Stamp(type, values, Now());
        store.Replace(record, values, undo);
        return SalesforceDmlResult.Saved(id, created: false);
    }

    /// <summary>Matches on the external id: none creates, one updates, several is an error carrying the matches.</summary>
    public SalesforceDmlResult Upsert(SalesforceObjectType type, SalesforceField externalId, string value, SalesforceRecordInput input, SalesforceUndoLog? undo = null)
    {
        var matches = externalId.Name == "Id"
            ? (_database.Store(type).Find(SalesforceIds.TryNormalize(value, out var full) ? full : value) is { IsDeleted: false } byId ? [byId] : [])
            : _database.Store(type).FindByExternalId(externalId, value);
        if (matches.Count > 1)
        {
            var ids = matches.Select(m => m.Id).ToList();
            return SalesforceDmlResult.Failed(null, new SalesforceError("DUPLICATE_EXTERNAL_ID", $"{externalId.Name}: more than one record found for external id field: [{string.Join(", ", ids)}]", [externalId.Name])) with { Matches = ids };
        }

        if (externalId.Name == "Id")
        {
            return matches.Count == 1 ? Update(type, matches[0].Id, input, undo) : SalesforceDmlResult.Failed(null, SalesforceError.NotFound);
        }

        // The value in the URL (or the collection record) is the one stored, whatever the body says.
        if (!SalesforceValueReader.TryFromCsv(externalId, value, out var typed, out var error))
        {
            return SalesforceDmlResult.Failed(null, error!);
        }

        input.Values[externalId.Name] = typed;
        return matches.Count == 1 ? Update(type, matches[0].Id, input, undo) : Insert(type, input, undo);
    }

    public SalesforceDmlResult Delete(string id, SalesforceUndoLog? undo = null)
    {
        if (!SalesforceIds.TryNormalize(id, out var full) || _database.Schema.ForId(full) is null)
        {
            return SalesforceDmlResult.Failed(id, SalesforceError.MalformedId(id));
        }

        if (_database.Find(full) is not { } record)
        {
            return SalesforceDmlResult.Failed(full, SalesforceError.InvalidCrossReference);
        }

        if (record.IsDeleted)
        {
            return SalesforceDmlResult.Failed(full, SalesforceError.EntityIsDeleted);
        }

        var values = new Dictionary<string, object>(record.Values, StringComparer.Ordinal) { ["IsDeleted"] = true };
        Stamp(record.Type, values, Now());
        _database.Store(record.Type).Replace(record, values, undo);
        return SalesforceDmlResult.Saved(full, created: false);
    }

    private DateTimeOffset Now() => SalesforceValues.Truncate(_database.Clock.GetUtcNow());

    private static void Overlay(Dictionary<string, object> values, IReadOnlyDictionary<string, object?> changes)
    {
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                values.Remove(name);
            }
            else
            {
                values[name] = value;
            }
        }
    }

    private void Stamp(SalesforceObjectType type, Dictionary<string, object> values, DateTimeOffset now)
    {
        values["LastModifiedDate"] = now;
        values["LastModifiedById"] = _database.UserId;
        values["SystemModstamp"] = now;
        if (type.HasCompoundName)
        {
            var name = string.Join(' ', new[] { values.GetValueOrDefault("FirstName"), values.GetValueOrDefault("LastName") }.OfType<string>());
            if (name.Length > 0)
            {
                values["Name"] = name;
            }
            else
            {
                values.Remove("Name");
            }
        }
    }
}
