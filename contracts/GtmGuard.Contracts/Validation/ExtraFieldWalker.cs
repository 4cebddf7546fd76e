using System.Text.RegularExpressions;
using GtmGuard.Contracts.Findings;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace GtmGuard.Contracts.Validation;

/// <summary>
/// Walks a payload beside its schema for what validators ignore: fields the schema never mentions (reported unless the
/// object is declared open with an <c>additionalProperties</c> schema such as <c>{}</c>, or a matching
/// <c>patternProperties</c>), and values outside an open enum (<c>x-extensible-enum</c>), which are additive.
/// </summary>
internal static class ExtraFieldWalker
{
    private const string OpenEnumExtension = "x-extensible-enum";

    private static readonly JsonSchemaValidator BranchValidator = new(new JsonSchemaValidatorSettings());

    public static Result Walk(JToken payload, JsonSchema schema, string root)
    {
        var result = new Result();
        Visit(payload, schema, root, result, 0);
        return result;
    }

    private static void Visit(JToken token, JsonSchema schema, string path, Result result, int depth)
    {
        var actual = schema.ActualSchema;
        if (depth > 64 || token.Type == JTokenType.Null)
        {
            return;
        }

        if (actual.OneOf.Count > 0 || actual.AnyOf.Count > 0)
        {
            var branches = actual.OneOf.Concat(actual.AnyOf).ToList();
            var branch = branches.FirstOrDefault(b => BranchValidator.Validate(token, b.ActualSchema, SchemaType.OpenApi3).Count == 0);
            if (branch is not null)
            {
                Visit(token, branch, path, result, depth + 1);
            }

            return;
        }

        foreach (var part in actual.AllOf)
        {
            Visit(token, part, path, result, depth + 1);
        }

        switch (token)
        {
            case JObject obj when actual.Type.HasFlag(JsonObjectType.Object) || actual.ActualProperties.Count > 0:
                VisitObject(obj, actual, path, result, depth);
                break;
            case JArray array when actual.Item is { } item:
                for (var i = 0; i < array.Count; i++)
                {
                    Visit(array[i], item, SchemaPath.Item(path, i), result, depth + 1);
                }

                break;
            case JValue { Type: JTokenType.String } value when OpenEnum(actual) is { } known && !known.Contains((string)value!):
                result.OpenEnumValues.Add(new PayloadIssue(
                    FindingKind.EnumValueAdded,
                    path,
                    $"new value \"{(string)value!}\" of an open enum (documented: {string.Join(", ", known)})"));
                break;
        }
    }

    private static void VisitObject(JObject obj, JsonSchema schema, string path, Result result, int depth)
    {
        var declared = schema.ActualProperties;
        var inheritedNames = schema.AllOf.SelectMany(p => p.ActualSchema.ActualProperties.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var property in obj.Properties())
        {
            var childPath = SchemaPath.Child(path, property.Name);
            if (declared.TryGetValue(property.Name, out var propertySchema))
            {
                Visit(property.Value, propertySchema, childPath, result, depth + 1);
                continue;
            }

            if (inheritedNames.Contains(property.Name))
            {
                continue;
            }

            var pattern = schema.PatternProperties.FirstOrDefault(p => Regex.IsMatch(property.Name, p.Key));
            if (pattern.Value is not null)
            {
                Visit(property.Value, pattern.Value, childPath, result, depth + 1);
                continue;
            }

            if (schema.AdditionalPropertiesSchema is { } additional)
            {
                Visit(property.Value, additional, childPath, result, depth + 1);
                continue;
            }

            result.Fields.Add(new ExtraField(childPath, path, property.Name));
        }
    }

    private static HashSet<string>? OpenEnum(JsonSchema schema) =>
        schema.ExtensionData?.TryGetValue(OpenEnumExtension, out var values) == true && values is IEnumerable<object> list
            ? list.Select(v => v?.ToString() ?? string.Empty).ToHashSet(StringComparer.Ordinal)
            : null;

    internal sealed class Result
    {
        public List<ExtraField> Fields { get; } = [];

        public List<PayloadIssue> OpenEnumValues { get; } = [];
    }

    internal sealed record ExtraField(string Path, string ParentPath, string Name);
}
