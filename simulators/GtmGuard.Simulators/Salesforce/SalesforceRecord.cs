namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// A stored record. Values are keyed by canonical field name and hold string, bool, decimal, DateOnly or
/// DateTimeOffset; a missing key means null.
/// </summary>
internal sealed class SalesforceRecord
{
    public SalesforceRecord(string id, SalesforceObjectType type, Dictionary<string, object> values)
    {
        Id = id;
        Type = type;
        Values = values;
    }

    public string Id { get; }

    public SalesforceObjectType Type { get; }

    public Dictionary<string, object> Values { get; set; }

    public bool IsDeleted => Values.GetValueOrDefault("IsDeleted") is true;

    public object? this[string field] => Values.GetValueOrDefault(field);
}
