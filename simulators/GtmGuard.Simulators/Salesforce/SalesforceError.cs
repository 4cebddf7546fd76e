namespace GtmGuard.Simulators.Salesforce;

/// <summary>One Salesforce error: its code (<c>REQUIRED_FIELD_MISSING</c>…), message and the fields it concerns.</summary>
internal sealed record SalesforceError(string Code, string Message, IReadOnlyList<string>? Fields = null)
{
    public static SalesforceError NotFound { get; } = new("NOT_FOUND", "The requested resource does not exist");

    public static SalesforceError EntityIsDeleted { get; } = new("ENTITY_IS_DELETED", "entity is deleted", []);

    public static SalesforceError InvalidCrossReference { get; } = new("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", []);

    public static SalesforceError RolledBack { get; } =
        new("ALL_OR_NONE_OPERATION_ROLLED_BACK", "Record rolled back because not all records were valid and the request was using AllOrNone header", []);

    public static SalesforceError UnknownField(string field, string objectName) =>
        new("INVALID_FIELD", $"No such column '{field}' on sobject of type {objectName}");

    public static SalesforceError MalformedId(string id) => new("MALFORMED_ID", $"malformed id {id}", []);

    /// <summary>Bulk API 2.0 writes an error into one CSV cell: <c>CODE:message:Field1,Field2 --</c>.</summary>
    public string BulkText => $"{Code}:{Message}:{string.Join(',', Fields ?? [])} --";
}
