namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// The org's schema: Contact, Lead and Account with a subset of their standard fields (vendor-facts §1.10),
/// plus configured external id and custom fields.
/// </summary>
internal sealed class SalesforceSchema
{
    private readonly Dictionary<string, SalesforceObjectType> _types;

    public SalesforceSchema(SalesforceOptions options)
    {
        var types = new[]
        {
            Build("Contact", "Contacts", "003", ContactFields(), new Dictionary<string, object> { ["HasOptedOutOfEmail"] = false, ["DoNotCall"] = false }, options),
            Build("Lead", "Leads", "00Q", LeadFields(), new Dictionary<string, object> { ["HasOptedOutOfEmail"] = false, ["DoNotCall"] = false, ["IsConverted"] = false, ["Status"] = "Open - Not Contacted" }, options),
            Build("Account", "Accounts", "001", AccountFields(), new Dictionary<string, object>(), options),
        };
        _types = types.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        Types = types;
    }

    public IReadOnlyList<SalesforceObjectType> Types { get; }

    /// <summary>Looks an sObject up by name, case-insensitively.</summary>
    public SalesforceObjectType? Find(string? name) => name is null ? null : _types.GetValueOrDefault(name);

    /// <summary>The type whose ids start with the id's key prefix.</summary>
    public SalesforceObjectType? ForId(string id) => Types.FirstOrDefault(t => SalesforceIds.HasPrefix(id, t.KeyPrefix));

    private static SalesforceObjectType Build(string name, string plural, string prefix, IEnumerable<SalesforceField> standard, Dictionary<string, object> defaults, SalesforceOptions options)
    {
        var fields = SystemFields(name).Concat(standard).ToList();
        foreach (var spec in options.CustomFields.GetValueOrDefault(name) ?? [])
        {
            AddOrReplace(fields, ParseCustomField(spec));
        }

        foreach (var (specs, unique) in new[] { (options.ExternalIdFields, true), (options.NonUniqueExternalIdFields, false) })
        {
            foreach (var fieldName in specs.GetValueOrDefault(name) ?? [])
            {
                var existing = fields.FirstOrDefault(f => string.Equals(f.Name, fieldName, StringComparison.OrdinalIgnoreCase))
                    ?? new SalesforceField(fieldName, Label(fieldName), SalesforceFieldType.String, 255, Custom: fieldName.EndsWith("__c", StringComparison.Ordinal));
                AddOrReplace(fields, existing with { ExternalId = true, Unique = unique });
            }
        }

        return new SalesforceObjectType(name, plural, prefix, fields, defaults);
    }

    private static void AddOrReplace(List<SalesforceField> fields, SalesforceField field)
    {
        var index = fields.FindIndex(f => string.Equals(f.Name, field.Name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            fields[index] = field;
        }
        else
        {
            fields.Add(field);
        }
    }

    /// <summary>Reads <c>Name__c</c> or <c>Name__c:type</c>.</summary>
    internal static SalesforceField ParseCustomField(string spec)
    {
        var parts = spec.Split(':', 2, StringSplitOptions.TrimEntries);
        var name = parts[0];
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"Custom field '{spec}' must be a field name such as My_Field__c, optionally followed by :type.", nameof(spec));
        }

        var type = (parts.Length > 1 ? parts[1].ToLowerInvariant() : "string") switch
        {
            "string" or "text" => SalesforceFieldType.String,
            "textarea" => SalesforceFieldType.TextArea,
            "email" => SalesforceFieldType.Email,
            "phone" => SalesforceFieldType.Phone,
            "url" => SalesforceFieldType.Url,
            "boolean" or "checkbox" => SalesforceFieldType.Boolean,
            "double" or "number" => SalesforceFieldType.Double,
            "date" => SalesforceFieldType.Date,
            "datetime" => SalesforceFieldType.DateTime,
            var other => throw new ArgumentException($"Custom field '{spec}' has unknown type '{other}'.", nameof(spec)),
        };
        var length = type switch
        {
            SalesforceFieldType.TextArea => 32_768,
            SalesforceFieldType.String or SalesforceFieldType.Url => 255,
            SalesforceFieldType.Email => 80,
            SalesforceFieldType.Phone => 40,
            _ => 0,
        };
        return new SalesforceField(name, Label(name), type, length, Custom: name.EndsWith("__c", StringComparison.Ordinal));
    }

    private static IEnumerable<SalesforceField> SystemFields(string objectName) =>
    [
        new("Id", $"{objectName} ID", SalesforceFieldType.Id, 18, Writable: false),
        new("IsDeleted", "Deleted", SalesforceFieldType.Boolean, Writable: false),
        new("OwnerId", "Owner ID", SalesforceFieldType.Reference, 18, ReferenceTo: "User"),
        new("CreatedDate", "Created Date", SalesforceFieldType.DateTime, Writable: false),
        new("CreatedById", "Created By ID", SalesforceFieldType.Reference, 18, Writable: false, ReferenceTo: "User"),
        new("LastModifiedDate", "Last Modified Date", SalesforceFieldType.DateTime, Writable: false),
        new("LastModifiedById", "Last Modified By ID", SalesforceFieldType.Reference, 18, Writable: false, ReferenceTo: "User"),
        new("SystemModstamp", "System Modstamp", SalesforceFieldType.DateTime, Writable: false),
    ];

    private static IEnumerable<SalesforceField> ContactFields() =>
    [
        new("AccountId", "Account ID", SalesforceFieldType.Reference, 18, ReferenceTo: "Account"),
        new("LastName", "Last Name", SalesforceFieldType.String, 80, Required: true),
        new("FirstName", "First Name", SalesforceFieldType.String, 40),
        new("Salutation", "Salutation", SalesforceFieldType.Picklist, 40),
        new("Name", "Full Name", SalesforceFieldType.String, 121, Writable: false),
        new("MailingStreet", "Mailing Street", SalesforceFieldType.TextArea, 255),
        new("MailingCity", "Mailing City", SalesforceFieldType.String, 40),
        new("MailingState", "Mailing State/Province", SalesforceFieldType.String, 80),
        new("MailingPostalCode", "Mailing Zip/Postal Code", SalesforceFieldType.String, 20),
        new("MailingCountry", "Mailing Country", SalesforceFieldType.String, 80),
        new("Phone", "Business Phone", SalesforceFieldType.Phone, 40),
        new("MobilePhone", "Mobile Phone", SalesforceFieldType.Phone, 40),
        new("Email", "Email", SalesforceFieldType.Email, 80),
        new("Title", "Title", SalesforceFieldType.String, 128),
        new("Department", "Department", SalesforceFieldType.String, 80),
        new("LeadSource", "Lead Source", SalesforceFieldType.Picklist, 255),
        new("Birthdate", "Birthdate", SalesforceFieldType.Date),
        new("Description", "Contact Description", SalesforceFieldType.TextArea, 32_000),
        new("HasOptedOutOfEmail", "Email Opt Out", SalesforceFieldType.Boolean),
        new("DoNotCall", "Do Not Call", SalesforceFieldType.Boolean),
    ];

    private static IEnumerable<SalesforceField> LeadFields() =>
    [
        new("LastName", "Last Name", SalesforceFieldType.String, 80, Required: true),
        new("FirstName", "First Name", SalesforceFieldType.String, 40),
        new("Salutation", "Salutation", SalesforceFieldType.Picklist, 40),
        new("Name", "Full Name", SalesforceFieldType.String, 121, Writable: false),
        new("Title", "Title", SalesforceFieldType.String, 128),
        new("Company", "Company", SalesforceFieldType.String, 255, Required: true),
        new("Street", "Street", SalesforceFieldType.TextArea, 255),
        new("City", "City", SalesforceFieldType.String, 40),
        new("State", "State/Province", SalesforceFieldType.String, 80),
        new("PostalCode", "Zip/Postal Code", SalesforceFieldType.String, 20),
        new("Country", "Country", SalesforceFieldType.String, 80),
        new("Phone", "Phone", SalesforceFieldType.Phone, 40),
        new("MobilePhone", "Mobile Phone", SalesforceFieldType.Phone, 40),
        new("Email", "Email", SalesforceFieldType.Email, 80),
        new("Website", "Website", SalesforceFieldType.Url, 255),
        new("Description", "Description", SalesforceFieldType.TextArea, 32_000),
        new("LeadSource", "Lead Source", SalesforceFieldType.Picklist, 255),
        new("Status", "Status", SalesforceFieldType.Picklist, 255),
        new("Industry", "Industry", SalesforceFieldType.Picklist, 255),
        new("Rating", "Rating", SalesforceFieldType.Picklist, 255),
        new("AnnualRevenue", "Annual Revenue", SalesforceFieldType.Currency),
        new("NumberOfEmployees", "Employees", SalesforceFieldType.Int),
        new("IsConverted", "Converted", SalesforceFieldType.Boolean, Writable: false),
        new("HasOptedOutOfEmail", "Email Opt Out", SalesforceFieldType.Boolean),
        new("DoNotCall", "Do Not Call", SalesforceFieldType.Boolean),
    ];

    private static IEnumerable<SalesforceField> AccountFields() =>
    [
        new("Name", "Account Name", SalesforceFieldType.String, 255, Required: true),
        new("Type", "Account Type", SalesforceFieldType.Picklist, 255),
        new("Industry", "Industry", SalesforceFieldType.Picklist, 255),
        new("BillingStreet", "Billing Street", SalesforceFieldType.TextArea, 255),
        new("BillingCity", "Billing City", SalesforceFieldType.String, 40),
        new("BillingState", "Billing State/Province", SalesforceFieldType.String, 80),
        new("BillingPostalCode", "Billing Zip/Postal Code", SalesforceFieldType.String, 20),
        new("BillingCountry", "Billing Country", SalesforceFieldType.String, 80),
        new("Phone", "Account Phone", SalesforceFieldType.Phone, 40),
        new("Website", "Website", SalesforceFieldType.Url, 255),
        new("AnnualRevenue", "Annual Revenue", SalesforceFieldType.Currency),
        new("NumberOfEmployees", "Employees", SalesforceFieldType.Int),
        new("Description", "Account Description", SalesforceFieldType.TextArea, 32_000),
    ];

    /// <summary>A readable label for a custom field: <c>External_Id__c</c> → <c>External Id</c>.</summary>
    private static string Label(string name) =>
        (name.EndsWith("__c", StringComparison.Ordinal) ? name[..^3] : name).Replace('_', ' ');
}
