namespace GtmGuard.Simulators.Salesforce;

/// <summary>The field types the simulator distinguishes; each maps to one stored CLR type.</summary>
internal enum SalesforceFieldType
{
    Id,
    String,
    TextArea,
    Email,
    Phone,
    Url,
    Picklist,
    Reference,
    Boolean,
    Double,
    Int,
    Currency,
    Date,
    DateTime,
}

/// <summary>One field of an sObject as describe reports it, plus what the simulator needs to validate writes.</summary>
internal sealed record SalesforceField(
    string Name,
    string Label,
    SalesforceFieldType Type,
    int Length = 0,
    bool Writable = true,
    bool Required = false,
    bool ExternalId = false,
    bool Unique = false,
    bool Custom = false,
    string? ReferenceTo = null)
{
    public bool IsText => Type is SalesforceFieldType.String or SalesforceFieldType.TextArea or SalesforceFieldType.Email
        or SalesforceFieldType.Phone or SalesforceFieldType.Url or SalesforceFieldType.Picklist
        or SalesforceFieldType.Id or SalesforceFieldType.Reference;

    public bool IsNumber => Type is SalesforceFieldType.Double or SalesforceFieldType.Int or SalesforceFieldType.Currency;

    /// <summary>The type name describe and error messages use.</summary>
    public string SoapType => Type switch
    {
        SalesforceFieldType.Id => "id",
        SalesforceFieldType.Reference => "reference",
        SalesforceFieldType.TextArea => "textarea",
        SalesforceFieldType.Email => "email",
        SalesforceFieldType.Phone => "phone",
        SalesforceFieldType.Url => "url",
        SalesforceFieldType.Picklist => "picklist",
        SalesforceFieldType.Boolean => "boolean",
        SalesforceFieldType.Double => "double",
        SalesforceFieldType.Int => "int",
        SalesforceFieldType.Currency => "currency",
        SalesforceFieldType.Date => "date",
        SalesforceFieldType.DateTime => "datetime",
        _ => "string",
    };
}
