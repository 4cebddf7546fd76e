using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>How a record is written: <c>attributes{type,url}</c> first, then the fields (null when unset).</summary>
internal static class SalesforceRecordJson
{
    public static JsonObject Render(SalesforceRecord record, SalesforceApiVersion version, IEnumerable<SalesforceField>? fields = null)
    {
        var json = new JsonObject
        {
            ["attributes"] = new JsonObject { ["type"] = record.Type.Name, ["url"] = Url(version, record.Type, record.Id) },
        };
        foreach (var field in fields ?? record.Type.Fields)
        {
            json[field.Name] = SalesforceValues.ToJson(record[field.Name]);
        }

        return json;
    }

    public static string Url(SalesforceApiVersion version, SalesforceObjectType type, string id) => $"{version.DataPath}/sobjects/{type.Name}/{id}";

    /// <summary>Resolves a <c>fields=A,B</c> list; the first unknown name is returned as <paramref name="unknown"/>.</summary>
    public static IReadOnlyList<SalesforceField>? ResolveFields(SalesforceObjectType type, IEnumerable<string> names, out string? unknown)
    {
        unknown = null;
        var fields = new List<SalesforceField>();
        foreach (var name in names)
        {
            if (type.Field(name) is not { } field)
            {
                unknown = name;
                return null;
            }

            if (!fields.Contains(field))
            {
                fields.Add(field);
            }
        }

        return fields;
    }

    /// <summary>SOQL's message for an unknown column, which REST field lists share.</summary>
    public static string NoSuchColumn(string field, string objectName) =>
        $"No such column '{field}' on entity '{objectName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
}
