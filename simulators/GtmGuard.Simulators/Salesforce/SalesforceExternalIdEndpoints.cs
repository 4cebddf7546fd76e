using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// Read, upsert and delete by external id (vendor-facts §1.3), the sync's key primitive: upsert answers
/// 201 when it creates, 200 with <c>created:false</c> when it updates (204 before v46.0), 300 when the
/// value matches several records.
/// </summary>
internal sealed class SalesforceExternalIdEndpoints
{
    private readonly SalesforceDatabase _database;
    private readonly SalesforceDml _dml;

    public SalesforceExternalIdEndpoints(SalesforceDatabase database, SalesforceDml dml)
    {
        _database = database;
        _dml = dml;
    }

    public IEnumerable<SimRoute> Routes(SalesforceApiVersions versions)
    {
        const string path = "/services/data/v{version}/sobjects/{sobject}/{field}/{value}";
        yield return new SimRoute("GET", path, "sobjects.readByExternalId", versions.Versioned(Read));
        yield return new SimRoute("PATCH", path, "sobjects.upsert", versions.Versioned(Upsert));
        yield return new SimRoute("DELETE", path, "sobjects.deleteByExternalId", versions.Versioned(Delete));
    }

    private SimResponse Read(SimRequest request, SalesforceApiVersion version)
    {
        if (Resolve(request) is not var (type, field))
        {
            return SalesforceResponses.NotFound();
        }

        var fields = SalesforceRecordJson.ResolveFields(type, SalesforceQueryString.List(request, "fields"), out var unknown);
        if (fields is null)
        {
            return SalesforceResponses.Error(400, "INVALID_FIELD", SalesforceRecordJson.NoSuchColumn(unknown!, type.Name));
        }

        lock (_database.Gate)
        {
            var matches = Matches(type, field, request.Route("value"));
            return matches.Count switch
            {
                0 => SalesforceResponses.NotFound(),
                1 => SalesforceResponses.Json(200, SalesforceRecordJson.Render(matches[0], version, fields.Count == 0 ? null : fields.Append(type.Field("Id")!).Distinct())),
                _ => MultipleChoices(type, version, matches.Select(m => m.Id)),
            };
        }
    }

    private SimResponse Upsert(SimRequest request, SalesforceApiVersion version)
    {
        if (Resolve(request) is not var (type, field))
        {
            return SalesforceResponses.NotFound();
        }

        if (SalesforceRecordInput.TryRead(type, SalesforceBody.Object(request), out var input, "Id") is { } invalid)
        {
            return SalesforceResponses.Errors(400, invalid);
        }

        lock (_database.Gate)
        {
            var result = _dml.Upsert(type, field, request.Route("value"), input);
            if (result.Matches.Count > 1)
            {
                return MultipleChoices(type, version, result.Matches);
            }

            if (!result.Success)
            {
                return result.Errors[0] == SalesforceError.NotFound ? SalesforceResponses.NotFound() : SalesforceResponses.Errors(400, result.Errors);
            }

            var newFlag = version.Major >= SalesforceApiVersion.UpsertCreatedFlag;
            if (!result.Created && !newFlag)
            {
                return SimResponse.Empty(204);
            }

            var body = new Dictionary<string, object> { ["id"] = result.Id!, ["success"] = true, ["errors"] = Array.Empty<object>() };
            if (newFlag)
            {
                body["created"] = result.Created;
            }

            return SalesforceResponses.Json(result.Created ? 201 : 200, body);
        }
    }

    private SimResponse Delete(SimRequest request, SalesforceApiVersion version)
    {
        if (Resolve(request) is not var (type, field))
        {
            return SalesforceResponses.NotFound();
        }

        lock (_database.Gate)
        {
            var matches = Matches(type, field, request.Route("value"));
            if (matches.Count > 1)
            {
                return MultipleChoices(type, version, matches.Select(m => m.Id));
            }

            return matches.Count == 1 && _dml.Delete(matches[0].Id).Success ? SimResponse.Empty(204) : SalesforceResponses.NotFound();
        }
    }

    /// <summary>The sObject and external id field of the path; Id itself works too. Anything else is 404.</summary>
    private (SalesforceObjectType Type, SalesforceField Field)? Resolve(SimRequest request) =>
        _database.Schema.Find(request.Route("sobject")) is { } type && type.Field(request.Route("field")) is { } field && (field.ExternalId || field.Name == "Id")
            ? (type, field)
            : null;

    private IReadOnlyList<SalesforceRecord> Matches(SalesforceObjectType type, SalesforceField field, string value)
    {
        if (field.Name != "Id")
        {
            return _database.Store(type).FindByExternalId(field, value);
        }

        return SalesforceIds.TryNormalize(value, out var id) && _database.Store(type).Find(id) is { IsDeleted: false } record ? [record] : [];
    }

    /// <summary>300 Multiple Choices: a JSON array of the matching records' URLs.</summary>
    private static SimResponse MultipleChoices(SalesforceObjectType type, SalesforceApiVersion version, IEnumerable<string> ids) =>
        SalesforceResponses.Json(300, ids.Select(id => SalesforceRecordJson.Url(version, type, id)).ToArray());
}
