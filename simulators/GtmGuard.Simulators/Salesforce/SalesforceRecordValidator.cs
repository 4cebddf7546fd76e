using System.Text.RegularExpressions;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// The checks a save runs on the record as it would be stored, in Salesforce's order: field formats,
/// required fields, validation rules, lookups, then unique indexes.
/// </summary>
internal static partial class SalesforceRecordValidator
{
    public static IReadOnlyList<SalesforceError> Validate(SalesforceDatabase database, SalesforceObjectType type, IReadOnlyDictionary<string, object> values, string? selfId)
    {
        var format = FormatErrors(type, values);
        if (format.Count > 0)
        {
            return format;
        }

        var missing = type.RequiredFields.Where(f => !values.TryGetValue(f.Name, out var v) || (v is string s && string.IsNullOrWhiteSpace(s))).Select(f => f.Name).ToList();
        if (missing.Count > 0)
        {
            return [new SalesforceError("REQUIRED_FIELD_MISSING", $"Required fields are missing: [{string.Join(", ", missing)}]", missing)];
        }

        var rules = database.Rules.Evaluate(type, values);
        if (rules.Count > 0)
        {
            return rules;
        }

        if (LookupError(database, type, values) is { } lookup)
        {
            return [lookup];
        }

        var store = database.Store(type);
        foreach (var field in type.ExternalIdFields.Where(f => f.Unique))
        {
            if (store.UniqueConflict(field.Name, values.GetValueOrDefault(field.Name), selfId) is { } holder)
            {
                return [new SalesforceError("DUPLICATE_VALUE", $"duplicate value found: {field.Name} duplicates value on record with id: {holder}", [])];
            }
        }

        return [];
    }

    private static List<SalesforceError> FormatErrors(SalesforceObjectType type, IReadOnlyDictionary<string, object> values)
    {
        var errors = new List<SalesforceError>();
        foreach (var (name, value) in values)
        {
            var field = type.Field(name)!;
            if (value is not string text || !field.Writable)
            {
                continue;
            }

            if (field.Length > 0 && text.Length > field.Length)
            {
                errors.Add(new SalesforceError("STRING_TOO_LONG", $"{field.Label}: data value too large: {Abbreviate(text)} (max length={field.Length})", [field.Name]));
            }
            else if (field.Type == SalesforceFieldType.Email && !EmailPattern().IsMatch(text))
            {
                errors.Add(new SalesforceError("INVALID_EMAIL_ADDRESS", $"{field.Label}: invalid email address: {text}", [field.Name]));
            }
            else if (field.Type == SalesforceFieldType.Reference && !IsIdOf(field, text))
            {
                errors.Add(new SalesforceError("FIELD_INTEGRITY_EXCEPTION", $"{field.Label}: id value of incorrect type: {text}", [field.Name]));
            }
        }

        return errors;
    }

    private static bool IsIdOf(SalesforceField field, string text)
    {
        var prefix = field.ReferenceTo switch
        {
            "Account" => "001",
            "User" => "005",
            _ => null,
        };
        return SalesforceIds.TryNormalize(text, out var id) && (prefix is null || SalesforceIds.HasPrefix(id, prefix));
    }

    /// <summary>A lookup must point at a live record; the only user is the integration user.</summary>
    private static SalesforceError? LookupError(SalesforceDatabase database, SalesforceObjectType type, IReadOnlyDictionary<string, object> values)
    {
        foreach (var field in type.Fields.Where(f => f.Type == SalesforceFieldType.Reference && f.Writable))
        {
            if (values.GetValueOrDefault(field.Name) is not string text || !SalesforceIds.TryNormalize(text, out var id))
            {
                continue;
            }

            var exists = field.ReferenceTo == "User" ? id == database.UserId : database.Find(id) is { IsDeleted: false };
            if (!exists)
            {
                return new SalesforceError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", [field.Name]);
            }
        }

        return null;
    }

    private static string Abbreviate(string text) => text.Length <= 50 ? text : text[..50] + "...";

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
