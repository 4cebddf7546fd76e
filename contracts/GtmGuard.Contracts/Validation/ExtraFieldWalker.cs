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

    /// <summary>Paths are built only for what is reported, from the token's own path in its document.</summary>
    public static Result Walk(JToken payload, JsonSchema schema)
    {
        var result = new Result();
        Visit(payload, schema, result, 0);
        return result;
    }

    private static string PathOf(JToken token) => SchemaPath.From("#/" + token.Path, "$");

    private static void Visit(JToken token, JsonSchema schema, Result result, int depth)
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
                Visit(token, branch, result, depth + 1);
            }

            return;
        }

        foreach (var part in actual.AllOf)
        {
            Visit(token, part, result, depth + 1);
        }

        switch (token)
        {
            case JObject obj when actual.Type.HasFlag(JsonObjectType.Object) || actual.Properties.Count > 0 || actual.AllOf.Count > 0:
                VisitObject(obj, actual, result, depth);
                break;
            case JArray array when actual.Item is { } item:
                for (var i = 0; i < array.Count; i++)
                {
                    Visit(array[i], item, result, depth + 1);
                }

                break;
            case JValue { Type: JTokenType.String } value when OpenEnum(actual) is { } known && !known.Contains((string)value!):
                result.OpenEnumValues.Add(new PayloadIssue(
                    FindingKind.EnumValueAdded,
                    PathOf(value),
                    $"new value \"{(string)value!}\" of an open enum (documented: {string.Join(", ", known)})"));
                break;
        }
    }

    private static void VisitObject(JObject obj, JsonSchema schema, Result result, int depth)
    {
        // ActualProperties merges allOf into a new dictionary on every call; plain Properties is enough without allOf.
        IDictionary<string, JsonSchemaProperty> declared = schema.AllOf.Count == 0 ? schema.Properties : schema.ActualProperties.ToDictionary();
        var inheritedNames = schema.AllOf.Count == 0 ? null : schema.AllOf.SelectMany(p => p.ActualSchema.ActualProperties.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var property in obj.Properties())
        {
            if (declared.TryGetValue(property.Name, out var propertySchema))
            {
                Visit(property.Value, propertySchema, result, depth + 1);
                continue;
            }

            if (inheritedNames?.Contains(property.Name) == true)
            {
                continue;
            }


            var pattern = schema.PatternProperties.FirstOrDefault(p => Regex.IsMatch(property.Name, p.Key));
            if (pattern.Value is not null)
            {
                Visit(property.Value, pattern.Value, result, depth + 1);
                continue;
            }

            if (schema.AdditionalPropertiesSchema is { } additional)
            {
                Visit(property.Value, additional, result, depth + 1);
                continue;
            }

            var parent = PathOf(obj);
            result.Fields.Add(new ExtraField(SchemaPath.Child(parent, property.Name), parent, property.Name));
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
