using GtmGuard.Contracts.Findings;
using GtmGuard.Contracts.Validation;
using NJsonSchema;

namespace GtmGuard.Contracts.Diff;

/// <summary>
/// Compares two versions of one schema. What breaks depends on the direction: a response field removed, retyped,
/// made optional or nullable breaks the client that reads it; a request field made required, or an accepted value
/// removed, breaks the client that sends it. New optional fields and new enum values are additive.
/// </summary>
internal sealed class SchemaDiff
{
    private readonly bool _isResponse;
    private readonly Action<FindingKind, Severity, string, string> _report;
    private readonly HashSet<(JsonSchema, JsonSchema)> _visited = [];

    private SchemaDiff(bool isResponse, Action<FindingKind, Severity, string, string> report)
    {
        _isResponse = isResponse;
        _report = report;
    }

    public static void Compare(JsonSchema? old, JsonSchema? @new, bool isResponse, Action<FindingKind, Severity, string, string> report)
    {
        if (old is null || @new is null)
        {
            return;
        }

        new SchemaDiff(isResponse, report).Visit(old.ActualSchema, @new.ActualSchema, "$");
    }

    private void Visit(JsonSchema old, JsonSchema @new, string path)
    {
        old = old.ActualSchema;
        @new = @new.ActualSchema;
        if (!_visited.Add((old, @new)))
        {
            return;
        }

        var oldType = old.Type & ~JsonObjectType.Null;
        var newType = @new.Type & ~JsonObjectType.Null;
        if (oldType != newType && oldType != JsonObjectType.None && newType != JsonObjectType.None)
        {
            var kind = path.EndsWith("[*]", StringComparison.Ordinal) ? FindingKind.ArrayItemChanged : FindingKind.TypeChanged;
            Breaking(kind, path, $"type changed from {PayloadValidator.Describe(old)} to {PayloadValidator.Describe(@new)}");
            return;
        }

        CompareNullability(old, @new, path);
        if (!string.Equals(old.Format, @new.Format, StringComparison.Ordinal) && (old.Format is not null || @new.Format is not null))
        {
            Breaking(FindingKind.FormatChanged, path, $"format changed from {old.Format ?? "none"} to {@new.Format ?? "none"}");
        }

        CompareEnums(Values(old), Values(@new), path, open: false);
        CompareEnums(OpenValues(old), OpenValues(@new), path, open: true);
        CompareProperties(old, @new, path);
        if (old.Item is { } oldItem && @new.Item is { } newItem)
        {
            Visit(oldItem, newItem, path + "[*]");
        }

        if (old.AdditionalPropertiesSchema is { } oldMap && @new.AdditionalPropertiesSchema is { } newMap)
        {
            Visit(oldMap, newMap, path + ".*");
        }

        CompareVariants(old.OneOf, @new.OneOf, path, "oneOf");
        CompareVariants(old.AnyOf, @new.AnyOf, path, "anyOf");
    }

    /// <summary>
    /// Variants pair up by position; a variant added is a shape a reader has not seen (breaking in a response, additive
    /// in a request), a variant removed one a sender may no longer use (the other way round).
    /// </summary>
    private void CompareVariants(ICollection<JsonSchema> old, ICollection<JsonSchema> @new, string path, string keyword)
    {
        foreach (var (oldVariant, newVariant, index) in old.Zip(@new).Select((pair, i) => (pair.First, pair.Second, i)))
        {
            Visit(oldVariant, newVariant, $"{path}.{keyword}[{index}]");
        }

        if (@new.Count > old.Count && old.Count > 0)
        {
            Report(FindingKind.TypeChanged, _isResponse ? Severity.Breaking : Severity.Additive, path, $"{keyword} has {@new.Count - old.Count} more variant(s)");
        }
        else if (@new.Count < old.Count)
        {
            Report(FindingKind.TypeChanged, _isResponse ? Severity.Additive : Severity.Breaking, path, $"{keyword} has {old.Count - @new.Count} fewer variant(s)");
        }
    }

    /// <summary>The schema's properties with those of every <c>allOf</c> member ($ref bases included), as a reader sees them.</summary>
    private static Dictionary<string, JsonSchemaProperty> AllProperties(JsonSchema schema)
    {
        var properties = new Dictionary<string, JsonSchemaProperty>(StringComparer.Ordinal);
        Collect(schema, properties, [], static (s, into) =>
        {
            foreach (var (name, property) in s.ActualProperties)
            {
                into.TryAdd(name, property);
            }
        });
        return properties;
    }

    /// <summary>Required names of the schema and of every <c>allOf</c> member.</summary>
    private static HashSet<string> AllRequired(JsonSchema schema)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        Collect(schema, required, [], static (s, into) => into.UnionWith(s.RequiredProperties));
        return required;
    }

    private static void Collect<T>(JsonSchema schema, T into, HashSet<JsonSchema> seen, Action<JsonSchema, T> take)
    {
        var actual = schema.ActualSchema;
        if (!seen.Add(actual))
        {
            return;
        }

        take(actual, into);
        foreach (var member in actual.AllOf)
        {
            Collect(member, into, seen, take);
        }
    }

    private void CompareNullability(JsonSchema old, JsonSchema @new, string path)
    {
        var wasNullable = old.IsNullable(SchemaType.OpenApi3);
        var isNullable = @new.IsNullable(SchemaType.OpenApi3);
        if (wasNullable == isNullable)
        {
            return;
        }

        // A response that may now be null breaks readers; a request that may no longer be null breaks senders.
        if (_isResponse && isNullable)
        {
            Breaking(FindingKind.NullabilityLoosened, path, "may now be null");
        }
        else if (!_isResponse && !isNullable)
        {
            Breaking(FindingKind.NullabilityTightened, path, "may no longer be null");
        }
        else
        {
            Additive(isNullable ? FindingKind.NullabilityLoosened : FindingKind.NullabilityTightened, path, isNullable ? "may now be null" : "is no longer null");
        }
    }

    private void CompareEnums(HashSet<string>? old, HashSet<string>? @new, string path, bool open)
    {
        if (old is null || @new is null)
        {
            if (old is null && @new is not null && !open)
            {
                Breaking(FindingKind.EnumValueUnknown, path, $"now limited to {string.Join(", ", @new)}");
            }
            else if (old is not null && @new is null && !open)
            {
                // Any value may now come back: a reader switching over the old set meets values it does not know.
                Report(FindingKind.EnumValueAdded, _isResponse ? Severity.Breaking : Severity.Additive, path, $"no longer limited to {string.Join(", ", old)}");
            }

            return;
        }

        foreach (var removed in old.Except(@new))
        {
            Breaking(FindingKind.EnumValueRemoved, path, $"{(open ? "open " : string.Empty)}enum value \"{removed}\" removed");
        }

        foreach (var added in @new.Except(old))
        {
            Additive(FindingKind.EnumValueAdded, path, $"{(open ? "open " : string.Empty)}enum value \"{added}\" added");
        }
    }

    private void CompareProperties(JsonSchema old, JsonSchema @new, string path)
    {
        var oldProperties = AllProperties(old);
        var newProperties = AllProperties(@new);
        var oldRequired = AllRequired(old);
        var newRequired = AllRequired(@new);
        foreach (var (name, oldProperty) in oldProperties)
        {
            var child = path + "." + name;
            var wasRequired = oldRequired.Contains(name);
            if (!newProperties.TryGetValue(name, out var newProperty))
            {
                Breaking(FindingKind.FieldRemoved, child, $"{(wasRequired ? "required" : "optional")} field '{name}' removed");
                continue;
            }

            var isRequired = newRequired.Contains(name);
            if (wasRequired && !isRequired)
            {
                Report(FindingKind.FieldMadeOptional, _isResponse ? Severity.Breaking : Severity.Additive, child, $"field '{name}' is no longer required");
            }
            else if (!wasRequired && isRequired)
            {
                Report(FindingKind.FieldMadeRequired, _isResponse ? Severity.Additive : Severity.Breaking, child, $"field '{name}' is now required");
            }

            Visit(oldProperty, newProperty, child);
        }

        foreach (var (name, _) in newProperties.Where(p => !oldProperties.ContainsKey(p.Key)))
        {
            var required = newRequired.Contains(name);
            var severity = !_isResponse && required ? Severity.Breaking : Severity.Additive;
            Report(FindingKind.FieldAdded, severity, path + "." + name, $"{(required ? "required" : "optional")} field '{name}' added");
        }
    }

    private static HashSet<string>? Values(JsonSchema schema) =>
        schema.Enumeration.Count == 0 ? null : schema.Enumeration.Select(v => v?.ToString() ?? "null").ToHashSet(StringComparer.Ordinal);

    private static HashSet<string>? OpenValues(JsonSchema schema) =>
        schema.ExtensionData?.TryGetValue("x-extensible-enum", out var values) == true && values is IEnumerable<object> list
            ? list.Select(v => v?.ToString() ?? string.Empty).ToHashSet(StringComparer.Ordinal)
            : null;

    private void Breaking(FindingKind kind, string path, string message) => _report(kind, Severity.Breaking, path, message);

    private void Additive(FindingKind kind, string path, string message) => _report(kind, Severity.Additive, path, message);

    private void Report(FindingKind kind, Severity severity, string path, string message) => _report(kind, severity, path, message);
}
