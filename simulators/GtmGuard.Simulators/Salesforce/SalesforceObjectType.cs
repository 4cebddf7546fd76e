namespace GtmGuard.Simulators.Salesforce;

/// <summary>An sObject the simulator serves: its key prefix, fields, required fields and external ids.</summary>
internal sealed class SalesforceObjectType
{
    private readonly Dictionary<string, SalesforceField> _byName;

    public SalesforceObjectType(string name, string labelPlural, string keyPrefix, IEnumerable<SalesforceField> fields, IReadOnlyDictionary<string, object> defaults)
    {
        Name = name;
        LabelPlural = labelPlural;
        KeyPrefix = keyPrefix;
        Fields = fields.ToList();
        _byName = Fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        Defaults = defaults;
    }

    public string Name { get; }

    public string LabelPlural { get; }

    /// <summary>The first three characters of every id of this type (003 Contact, 00Q Lead, 001 Account).</summary>
    public string KeyPrefix { get; }

    /// <summary>Fields in describe order.</summary>
    public IReadOnlyList<SalesforceField> Fields { get; }

    /// <summary>Values a new record gets when the caller does not set them.</summary>
    public IReadOnlyDictionary<string, object> Defaults { get; }

    public IEnumerable<SalesforceField> RequiredFields => Fields.Where(f => f.Required);

    public IEnumerable<SalesforceField> ExternalIdFields => Fields.Where(f => f.ExternalId);

    /// <summary>Contact and Lead have a read-only compound Name built from FirstName and LastName.</summary>
    public bool HasCompoundName => Name is "Contact" or "Lead";

    /// <summary>Looks a field up by name, case-insensitively as Salesforce does.</summary>
    public SalesforceField? Field(string name) => _byName.GetValueOrDefault(name);
}
