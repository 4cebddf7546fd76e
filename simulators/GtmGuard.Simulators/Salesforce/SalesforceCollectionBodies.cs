using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>The request and result shapes of sObject Collections: <c>{allOrNone, records}</c> in, per-item results out.</summary>
internal static class SalesforceCollectionBodies
{
    public const int MaxRecords = 200;

    /// <summary>One item's result in the collections shape: id, success, errors with <c>statusCode</c>, and <c>created</c> for upsert.</summary>
    public static Dictionary<string, object> Result(SalesforceDmlResult result, bool rolledBack, bool withCreated)
    {
        var success = result.Success && !rolledBack;
        var body = new Dictionary<string, object>();
        if (result.Id is { } id && (success || !result.Created))
        {
            body["id"] = id;
        }

        body["success"] = success;
        var errors = result.Success && rolledBack ? [SalesforceError.RolledBack] : result.Errors;
        body["errors"] = errors.Select(SalesforceResponses.CollectionError).ToArray();
        if (withCreated)
        {
            // A rolled-back insert still reports created:true, as observed against live orgs (vendor-facts §1.5).
            body["created"] = result.Created;
        }

        return body;
    }

    /// <summary>The <c>records</c> array of a collection body; null when it holds more than 200.</summary>
    public static List<JsonObject>? Records(SimRequest request, out bool allOrNone)
    {
        var body = SalesforceBody.Object(request, "collection request");
        allOrNone = SalesforceBody.Flag(body, "allOrNone");
        if (body["records"] is not JsonArray array)
        {
            throw SalesforceBody.Unexpected(body["records"], "records");
        }

        if (array.Count > MaxRecords)
        {
            return null;
        }

        return array.Select(node => node as JsonObject ?? throw SalesforceBody.Unexpected(node, "sObject")).ToList();
    }

    /// <summary>The type named in <c>attributes.type</c>, or null when it is missing or unknown.</summary>
    public static SalesforceObjectType? TypeOf(SalesforceSchema schema, JsonObject record) =>
        record["attributes"] is JsonObject attributes && attributes["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String
            ? schema.Find(type.GetValue<string>())
            : null;

    public static SimResponse InvalidType(JsonObject record)
    {
        var named = record["attributes"]?["type"];
        return named is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? SalesforceResponses.Error(400, "INVALID_TYPE", $"sObject type '{value.GetValue<string>()}' is not supported.")
            : SalesforceResponses.Error(400, "INVALID_TYPE", "Must specify a type in the attributes map");
    }

    public static SimResponse TooMany() =>
        SalesforceResponses.Error(400, "EXCEEDED_ID_LIMIT", $"record limit reached. cannot submit more than {MaxRecords} records into this call");

    public static List<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw SalesforceBody.Unexpected(n, "string")).ToList(),
        var other => throw SalesforceBody.Unexpected(other, "array"),
    };
}
