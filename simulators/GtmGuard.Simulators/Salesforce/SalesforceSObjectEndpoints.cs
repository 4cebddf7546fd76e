using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>Single-record create, read, update and delete by id (vendor-facts §1.2).</summary>
internal sealed class SalesforceSObjectEndpoints
{
    private readonly SalesforceDatabase _database;
    private readonly SalesforceDml _dml;

    public SalesforceSObjectEndpoints(SalesforceDatabase database, SalesforceDml dml)
    {
        _database = database;
        _dml = dml;
    }

    public IEnumerable<SimRoute> Routes(SalesforceApiVersions versions)
    {
        const string prefix = "/services/data/v{version}/sobjects";
        yield return new SimRoute("POST", prefix + "/{sobject}", "sobjects.create", versions.Versioned(Create));
        yield return new SimRoute("GET", prefix + "/{sobject}/{id}", "sobjects.read", versions.Versioned(Read));
        yield return new SimRoute("PATCH", prefix + "/{sobject}/{id}", "sobjects.update", versions.Versioned(Update));
        yield return new SimRoute("DELETE", prefix + "/{sobject}/{id}", "sobjects.delete", versions.Versioned(Delete));
    }

    private SimResponse Create(SimRequest request, SalesforceApiVersion version)
    {
        if (_database.Schema.Find(request.Route("sobject")) is not { } type)
        {
            return SalesforceResponses.NotFound();
        }

        if (SalesforceRecordInput.TryRead(type, SalesforceBody.Object(request), out var input) is { } invalid)
        {
            return SalesforceResponses.Errors(400, invalid);
        }

        lock (_database.Gate)
        {
            var result = _dml.Insert(type, input);
            return result.Success
                ? SalesforceResponses.Json(201, new { id = result.Id, success = true, errors = Array.Empty<object>() })
                : SalesforceResponses.Errors(400, result.Errors);
        }
    }

    private SimResponse Read(SimRequest request, SalesforceApiVersion version)
    {
        if (_database.Schema.Find(request.Route("sobject")) is not { } type)
        {
            return SalesforceResponses.NotFound();
        }

        // "describe" sits where an id would; one route serves both so neither shadows the other.
        if (request.Route("id") == "describe")
        {
            return SalesforceDescribeEndpoints.Describe(type, version);
        }

        var fields = SalesforceRecordJson.ResolveFields(type, SalesforceQueryString.List(request, "fields"), out var unknown);
        if (fields is null)
        {
            return SalesforceResponses.Error(400, "INVALID_FIELD", SalesforceRecordJson.NoSuchColumn(unknown!, type.Name));
        }

        lock (_database.Gate)
        {
            if (Lookup(type, request.Route("id"), out var record) is { } problem)
            {
                return problem;
            }

            var shown = fields.Count == 0 ? null : fields.Append(type.Field("Id")!).Distinct();
            return SalesforceResponses.Json(200, SalesforceRecordJson.Render(record, version, shown));
        }
    }

    private SimResponse Update(SimRequest request, SalesforceApiVersion version)
    {
        if (_database.Schema.Find(request.Route("sobject")) is not { } type)
        {
            return SalesforceResponses.NotFound();
        }

        if (SalesforceRecordInput.TryRead(type, SalesforceBody.Object(request), out var input, "Id") is { } invalid)
        {
            return SalesforceResponses.Errors(400, invalid);
        }

        lock (_database.Gate)
        {
            if (Lookup(type, request.Route("id"), out var record) is { } problem)
            {
                return problem;
            }

            var result = _dml.Update(type, record.Id, input);
            return result.Success ? SimResponse.Empty(204) : SalesforceResponses.Errors(400, result.Errors);
        }
    }

    private SimResponse Delete(SimRequest request, SalesforceApiVersion version)
    {
        if (_database.Schema.Find(request.Route("sobject")) is not { } type)
        {
            return SalesforceResponses.NotFound();
        }

        lock (_database.Gate)
        {
            if (Lookup(type, request.Route("id"), out var record) is { } problem)
            {
                return problem;
            }

            var result = _dml.Delete(record.Id);
            return result.Success ? SimResponse.Empty(204) : SalesforceResponses.Errors(400, result.Errors);
        }
    }

    /// <summary>Finds a live record of <paramref name="type"/>, or the vendor's answer why not: 400 MALFORMED_ID, 404 NOT_FOUND or 404 ENTITY_IS_DELETED.</summary>
    private SimResponse? Lookup(SalesforceObjectType type, string rawId, out SalesforceRecord record)
    {
        record = null!;
        if (!SalesforceIds.TryNormalize(rawId, out var id) || !SalesforceIds.HasPrefix(id, type.KeyPrefix))
        {
            return SalesforceResponses.Errors(400, new SalesforceError("MALFORMED_ID", $"{type.Name} ID: id value of incorrect type: {rawId}", ["Id"]));
        }

        switch (_database.Store(type).Find(id))
        {
            case null:
                return SalesforceResponses.NotFound();
            case { IsDeleted: true }:
                return SalesforceResponses.Errors(404, new SalesforceError("ENTITY_IS_DELETED", "entity is deleted"));
            case var found:
                record = found;
                return null;
        }
    }
}
