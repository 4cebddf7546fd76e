using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// Field values a caller wants to write, read from a JSON record or a CSV row. Unknown fields and values of
/// the wrong type fail the whole request (they fail while Salesforce deserialises it); read-only fields fail
/// at save time, so they are kept as <see cref="ReadOnlyError"/> for the save to report.
/// </summary>
internal sealed class SalesforceRecordInput
{
    private SalesforceRecordInput(Dictionary<string, object?> values, SalesforceError? readOnlyError)
    {
        Values = values;
        ReadOnlyError = readOnlyError;
    }

    /// <summary>Canonical field name → value (null clears the field).</summary>
    public Dictionary<string, object?> Values { get; }

    public SalesforceError? ReadOnlyError { get; }

    public static SalesforceRecordInput Empty() => new(new Dictionary<string, object?>(StringComparer.Ordinal), null);

    /// <summary>Reads a JSON record; <c>attributes</c> is metadata and <paramref name="skipped"/> names keys the caller handles (the collection's <c>id</c>).</summary>
    public static SalesforceError? TryRead(SalesforceObjectType type, JsonObject body, out SalesforceRecordInput input, params string[] skipped)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var readOnly = new List<string>();
        input = Empty();
        foreach (var (key, node) in body)
        {
            if (key == "attributes" || skipped.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (type.Field(key) is not { } field)
            {
                return SalesforceError.UnknownField(key, type.Name);
            }

            if (!SalesforceValueReader.TryFromJson(field, node, out var value, out var error))
            {
                return error;
            }

            if (field.Name == "Id")
            {
                return new SalesforceError("INVALID_FIELD", "Record ID: cannot specify Id in an insert call", ["Id"]);
            }

            if (!field.Writable)
            {
                readOnly.Add(field.Name);
                continue;
            }

            values[field.Name] = value;
        }

        input = new SalesforceRecordInput(values, ReadOnlyFields(readOnly));
        return null;
    }

    /// <summary>Reads one CSV row against its header; <c>#N/A</c> clears a field and an empty cell leaves it alone on update.</summary>
    public static SalesforceError? TryRead(IReadOnlyList<SalesforceField> header, IReadOnlyList<string> row, bool emptyMeansNull, out SalesforceRecordInput input)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        input = Empty();
        for (var i = 0; i < header.Count; i++)
        {
            var field = header[i];
            var cell = i < row.Count ? row[i] : string.Empty;
            if (field.Name == "Id" || (cell.Length == 0 && !emptyMeansNull))
            {
                continue;
            }

            if (cell == "#N/A")
            {
                values[field.Name] = field.Type == SalesforceFieldType.Boolean ? false : null;
                continue;
            }

            if (!SalesforceValueReader.TryFromCsv(field, cell, out var value, out var error))
            {
                return error;
            }

            values[field.Name] = value;
        }

        var readOnly = header.Where(f => !f.Writable && f.Name != "Id").Select(f => f.Name).ToList();
        input = new SalesforceRecordInput(values, ReadOnlyFields(readOnly));
        return null;
    }

    private static SalesforceError? ReadOnlyFields(List<string> fields) => fields.Count == 0
        ? null
        : new SalesforceError(
            "INVALID_FIELD_FOR_INSERT_UPDATE",
            $"Unable to create/update fields: {string.Join(", ", fields)}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
            fields);
}
