using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// sObject Collections (vendor-facts §1.5): up to 200 records per create, update, upsert or delete, results
/// in request order, 200 even when items fail; <c>allOrNone</c> rolls every change back if one item fails.
/// </summary>
internal sealed class SalesforceCollectionEndpoints
{
    private const int MaxRetrieveIds = 2000;
    private const int FirstVersion = 42;

    private readonly SalesforceDatabase _database;
    private readonly SalesforceDml _dml;

    public SalesforceCollectionEndpoints(SalesforceDatabase database, SalesforceDml dml)
    {
        _database = database;
        _dml = dml;
    }

    public IEnumerable<SimRoute> Routes(SalesforceApiVersions versions)
    {
        const string path = "/services/data/v{version}/composite/sobjects";
        yield return new SimRoute("POST", path, "collections.create", versions.Versioned(Since(FirstVersion, Create)));
        yield return new SimRoute("PATCH", path, "collections.update", versions.Versioned(Since(FirstVersion, Update)));
        yield return new SimRoute("DELETE", path, "collections.delete", versions.Versioned(Since(FirstVersion, Delete)));
        yield return new SimRoute("GET", path + "/{sobject}", "collections.retrieve", versions.Versioned(Since(FirstVersion, Retrieve)));
        yield return new SimRoute("POST", path + "/{sobject}", "collections.retrieve", versions.Versioned(Since(FirstVersion, Retrieve)));
        yield return new SimRoute("PATCH", path + "/{sobject}/{field}", "collections.upsert", versions.Versioned(Since(SalesforceApiVersion.UpsertCreatedFlag, Upsert)));
    }

    private static Func<SimRequest, SalesforceApiVersion, SimResponse> Since(int major, Func<SimRequest, SalesforceApiVersion, SimResponse> handler) =>
        (request, version) => version.Major >= major ? handler(request, version) : SalesforceResponses.NotFound();

    private SimResponse Create(SimRequest request, SalesforceApiVersion version)
    {
        if (SalesforceCollectionBodies.Records(request, out var allOrNone) is not { } records)
        {
            return SalesforceCollectionBodies.TooMany();
        }

        var items = new List<Func<SalesforceUndoLog?, SalesforceDmlResult>>();
        foreach (var record in records)
        {
            if (SalesforceCollectionBodies.TypeOf(_database.Schema, record) is not { } type)
            {
                return SalesforceCollectionBodies.InvalidType(record);
            }

            if (record.Any(p => string.Equals(p.Key, "Id", StringComparison.OrdinalIgnoreCase)))
            {
                items.Add(_ => SalesforceDmlResult.Failed(null, new SalesforceError("INVALID_FIELD", "cannot specify Id in an insert call", ["Id"])));
                continue;
            }

            if (SalesforceRecordInput.TryRead(type, record, out var input) is { } invalid)
            {
                return SalesforceResponses.Errors(400, invalid);
            }

            items.Add(undo => _dml.Insert(type, input, undo));
        }

        return Run(items, allOrNone, withCreated: false);
    }

    private SimResponse Update(SimRequest request, SalesforceApiVersion version)
    {
        if (SalesforceCollectionBodies.Records(request, out var allOrNone) is not { } records)
        {
            return SalesforceCollectionBodies.TooMany();
        }

        var items = new List<Func<SalesforceUndoLog?, SalesforceDmlResult>>();
        foreach (var record in records)
        {
            if (SalesforceCollectionBodies.TypeOf(_database.Schema, record) is not { } type)
            {
                return SalesforceCollectionBodies.InvalidType(record);
            }

            if (SalesforceRecordInput.TryRead(type, record, out var input, "Id") is { } invalid)
            {
                return SalesforceResponses.Errors(400, invalid);
            }

            var rawId = record.FirstOrDefault(p => string.Equals(p.Key, "Id", StringComparison.OrdinalIgnoreCase)).Value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : null;
            items.Add(undo =>
            {
                if (string.IsNullOrEmpty(rawId))
                {
                    return SalesforceDmlResult.Failed(null, new SalesforceError("MISSING_ARGUMENT", "Id not specified in an update call", []));
                }

                return SalesforceIds.TryNormalize(rawId, out var id) && SalesforceIds.HasPrefix(id, type.KeyPrefix)
                    ? _dml.Update(type, id, input, undo)
                    : SalesforceDmlResult.Failed(rawId, new SalesforceError("MALFORMED_ID", $"{type.Name} ID: id value of incorrect type: {rawId}", ["Id"]));
            });
        }

        return Run(items, allOrNone, withCreated: false);
    }

    private SimResponse Upsert(SimRequest request, SalesforceApiVersion version)
    {
        if (_database.Schema.Find(request.Route("sobject")) is not { } type)
        {
            return SalesforceResponses.NotFound();
        }

        if (type.Field(request.Route("field")) is not { } field || !(field.ExternalId || field.Name == "Id"))
        {
            return SalesforceResponses.Error(400, "INVALID_FIELD", $"Field name provided, {request.Route("field")} is not an External ID or indexed field for {type.Name}");
        }

        if (SalesforceCollectionBodies.Records(request, out var allOrNone) is not { } records)
        {
            return SalesforceCollectionBodies.TooMany();
        }

        var keys = new List<string?>();
        var inputs = new List<SalesforceRecordInput>();
        foreach (var record in records)
        {
            if (record["attributes"] is not null && SalesforceCollectionBodies.TypeOf(_database.Schema, record) != type)
            {
                return SalesforceResponses.Error(400, "INVALID_TYPE", $"Upsert of {type.Name} records only: mixed sObject types are not supported");
            }

            if (SalesforceRecordInput.TryRead(type, record, out var input, "Id") is { } invalid)
            {
                return SalesforceResponses.Errors(400, invalid);
            }

            keys.Add(record.FirstOrDefault(p => string.Equals(p.Key, field.Name, StringComparison.OrdinalIgnoreCase)).Value switch
            {
                JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
                JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
                _ => null,
            });
            inputs.Add(input);
        }

        // The same key twice in one request is refused for every record carrying it.
        var repeated = keys.Where(k => !string.IsNullOrEmpty(k)).GroupBy(k => k!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var items = keys.Select((key, i) => (Func<SalesforceUndoLog?, SalesforceDmlResult>)(undo =>
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                return SalesforceDmlResult.Failed(null, new SalesforceError("MISSING_ARGUMENT", $"{field.Name} not specified", []));
            }

            return repeated.Contains(key)
                ? SalesforceDmlResult.Failed(null, new SalesforceError("DUPLICATE_EXTERNAL_ID", $"Duplicate external id specified: {key}", [field.Name]))
                : _dml.Upsert(type, field, key, inputs[i], undo);
        })).ToList();
        return Run(items, allOrNone, withCreated: true);
    }

    private SimResponse Delete(SimRequest request, SalesforceApiVersion version)
    {
        var ids = SalesforceQueryString.List(request, "ids");
        if (ids.Count == 0)
        {
            return SalesforceResponses.Error(400, "MISSING_ARGUMENT", "ids parameter is required");
        }

        if (ids.Count > SalesforceCollectionBodies.MaxRecords)
        {
            return SalesforceCollectionBodies.TooMany();
        }

        var allOrNone = string.Equals(SalesforceQueryString.Get(request, "allOrNone"), "true", StringComparison.OrdinalIgnoreCase);
        return Run(ids.Select(id => (Func<SalesforceUndoLog?, SalesforceDmlResult>)(undo => _dml.Delete(id, undo))).ToList(), allOrNone, withCreated: false);
    }

    private SimResponse Retrieve(SimRequest request, SalesforceApiVersion version)
    {
        if (_database.Schema.Find(request.Route("sobject")) is not { } type)
        {
            return SalesforceResponses.NotFound();
        }

        IReadOnlyList<string> ids;
        IReadOnlyList<string> names;
        if (request.Method == "POST")
        {
            var body = SalesforceBody.Object(request, "retrieve request");
            ids = SalesforceCollectionBodies.Strings(body["ids"]);
            names = SalesforceCollectionBodies.Strings(body["fields"]);
        }
        else
        {
            ids = SalesforceQueryString.List(request, "ids");
            names = SalesforceQueryString.List(request, "fields");
        }

        if (ids.Count > MaxRetrieveIds)
        {
            return SalesforceResponses.Error(400, "EXCEEDED_ID_LIMIT", $"Retrieve accepts at most {MaxRetrieveIds} ids");
        }

        if (names.Count == 0)
        {
            return SalesforceResponses.Error(400, "MISSING_ARGUMENT", "The fields parameter is required");
        }

        var fields = SalesforceRecordJson.ResolveFields(type, names, out var unknown);
        if (fields is null)
        {
            return SalesforceResponses.Error(400, "INVALID_FIELD", SalesforceRecordJson.NoSuchColumn(unknown!, type.Name));
        }

        if (ids.FirstOrDefault(id => !SalesforceIds.TryNormalize(id, out _)) is { } malformed)
        {
            return SalesforceResponses.Errors(400, SalesforceError.MalformedId(malformed));
        }

        var shown = fields.Append(type.Field("Id")!).Distinct().ToList();
        lock (_database.Gate)
        {
            var records = ids.Select(id => SalesforceIds.TryNormalize(id, out var full) && _database.Store(type).Find(full) is { IsDeleted: false } record
                ? SalesforceRecordJson.Render(record, version, shown)
                : null);
            return SalesforceResponses.Json(200, new JsonArray(records.Select(r => (JsonNode?)r).ToArray()));
        }
    }

    /// <summary>Runs the items under the gate; with all-or-none, one failure undoes the rest and marks them rolled back.</summary>
    private SimResponse Run(List<Func<SalesforceUndoLog?, SalesforceDmlResult>> items, bool allOrNone, bool withCreated)
    {
        lock (_database.Gate)
        {
            var undo = allOrNone ? new SalesforceUndoLog() : null;
            var results = items.Select(item => item(undo)).ToList();
            var rolledBack = allOrNone && results.Exists(r => !r.Success);
            if (rolledBack)
            {
                undo!.Rollback();
            }

            return SalesforceResponses.Json(200, results.Select(r => SalesforceCollectionBodies.Result(r, rolledBack, withCreated)).ToArray());
        }
    }
}
