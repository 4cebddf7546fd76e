using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>The discovery resources: versions, the version root, limits, describeGlobal and a minimal describe.</summary>
internal sealed class SalesforceDescribeEndpoints
{
    private readonly SalesforceSchema _schema;
    private readonly SalesforceQuota _quota;

    public SalesforceDescribeEndpoints(SalesforceSchema schema, SalesforceQuota quota)
    {
        _schema = schema;
        _quota = quota;
    }

    public IEnumerable<SimRoute> Routes(SalesforceApiVersions versions)
    {
        // The versions list needs no session and does not count against the allocation (vendor-facts §1.1).
        yield return new SimRoute("GET", "/services/data", "versions", versions.List, RouteTraits.ChaosTarget);
        yield return new SimRoute("GET", "/services/data/v{version}", "resources", versions.Versioned(Resources));
        yield return new SimRoute("GET", "/services/data/v{version}/limits", "limits", versions.Versioned(Limits));
        yield return new SimRoute("GET", "/services/data/v{version}/sobjects", "sobjects.describeGlobal", versions.Versioned(DescribeGlobal));
        yield return new SimRoute("GET", "/services/data/v{version}/sobjects/{sobject}", "sobjects.basicInfo", versions.Versioned(BasicInfo));
    }

    public static SimResponse Describe(SalesforceObjectType type, SalesforceApiVersion version)
    {
        var body = Summary(type, version);
        body["fields"] = type.Fields.Select(f => new Dictionary<string, object?>
        {
            ["name"] = f.Name,
            ["label"] = f.Label,
            ["type"] = f.SoapType,
            ["length"] = f.Length,
            ["nillable"] = !f.Required && f.Type != SalesforceFieldType.Boolean && f.Name != "Id",
            ["createable"] = f.Writable,
            ["updateable"] = f.Writable,
            ["custom"] = f.Custom,
            ["externalId"] = f.ExternalId,
            ["unique"] = f.Unique,
            ["idLookup"] = f.ExternalId || f.Name == "Id",
            ["defaultedOnCreate"] = !f.Writable || type.Defaults.ContainsKey(f.Name) || f.Name == "OwnerId",
            ["referenceTo"] = f.ReferenceTo is null ? Array.Empty<string>() : [f.ReferenceTo],
        }).ToArray();
        return SalesforceResponses.Json(200, body);
    }

    private SimResponse Resources(SimRequest request, SalesforceApiVersion version)
    {
        var root = version.DataPath;
        return SalesforceResponses.Json(200, new Dictionary<string, string>
        {
            ["limits"] = root + "/limits",
            ["sobjects"] = root + "/sobjects",
            ["query"] = root + "/query",
            ["queryAll"] = root + "/queryAll",
            ["composite"] = root + "/composite",
            ["jobs"] = root + "/jobs",
        });
    }

    private SimResponse Limits(SimRequest request, SalesforceApiVersion version)
    {
        var used = _quota.Used;
        return SalesforceResponses.Json(200, new Dictionary<string, object>
        {
            ["DailyApiRequests"] = new { Max = _quota.Limit, Remaining = Math.Max(0, _quota.Limit - used) },
            ["DailyBulkApiBatches"] = new { Max = 15_000, Remaining = 15_000 },
            ["DailyBulkV2QueryJobs"] = new { Max = 10_000, Remaining = 10_000 },
            ["DailyBulkV2QueryFileStorageMB"] = new { Max = 976_562, Remaining = 976_562 },
            ["DataStorageMB"] = new { Max = 1024, Remaining = 1024 },
            ["FileStorageMB"] = new { Max = 1024, Remaining = 1024 },
        });
    }

    private SimResponse DescribeGlobal(SimRequest request, SalesforceApiVersion version) =>
        SalesforceResponses.Json(200, new Dictionary<string, object>
        {
            ["encoding"] = "UTF-8",
            ["maxBatchSize"] = 200,
            ["sobjects"] = _schema.Types.Select(t => Summary(t, version)).ToArray(),
        });

    private SimResponse BasicInfo(SimRequest request, SalesforceApiVersion version) =>
        _schema.Find(request.Route("sobject")) is { } type
            ? SalesforceResponses.Json(200, new Dictionary<string, object> { ["objectDescribe"] = Summary(type, version), ["recentItems"] = Array.Empty<object>() })
            : SalesforceResponses.NotFound();

    private static Dictionary<string, object> Summary(SalesforceObjectType type, SalesforceApiVersion version)
    {
        var root = $"{version.DataPath}/sobjects/{type.Name}";
        return new Dictionary<string, object>
        {
            ["name"] = type.Name,
            ["label"] = type.Name,
            ["labelPlural"] = type.LabelPlural,
            ["keyPrefix"] = type.KeyPrefix,
            ["custom"] = false,
            ["createable"] = true,
            ["updateable"] = true,
            ["deletable"] = true,
            ["queryable"] = true,
            ["retrieveable"] = true,
            ["searchable"] = true,
            ["urls"] = new Dictionary<string, string>
            {
                ["sobject"] = root,
                ["describe"] = root + "/describe",
                ["rowTemplate"] = root + "/{ID}",
            },
        };
    }
}
