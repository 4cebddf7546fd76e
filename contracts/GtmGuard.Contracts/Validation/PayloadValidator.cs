using GtmGuard.Contracts.Findings;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace GtmGuard.Contracts.Validation;

/// <summary>
/// Validates one JSON payload against a snapshot schema and classifies what differs. NJsonSchema's validator (with
/// OpenAPI 3 nullability and format checks) finds missing, retyped, out-of-enum and null values; the
/// <see cref="ExtraFieldWalker"/> finds fields the schema never mentions and values of open enums; a required field
/// missing beside a new field in the same object is reported once, as a rename.
/// </summary>
internal static class PayloadValidator
{
    private static readonly JsonSchemaValidator Validator = new(new JsonSchemaValidatorSettings());

    /// <summary>Paths are from the root of the document <paramref name="payload"/> belongs to (an event inside a batch keeps its <c>$[i]</c>).</summary>
    public static List<PayloadIssue> Validate(JToken payload, JsonSchema schema)
    {
        var issues = new List<PayloadIssue>();
        foreach (var error in Validator.Validate(payload, schema.ActualSchema, SchemaType.OpenApi3))
        {
            Collect(error, "$", issues);
        }

        var extras = ExtraFieldWalker.Walk(payload, schema);
        issues.AddRange(extras.OpenEnumValues);
        PairRenames(issues, extras.Fields);
        return issues;
    }

    private static void Collect(ValidationError error, string root, List<PayloadIssue> issues)
    {
        if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
        {
            // oneOf/anyOf: the branch that came closest explains the failure; other wrappers carry every child.
            var branches = error.Kind is ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf
                ? child.Errors.OrderBy(b => b.Value.Count).Take(1)
                : child.Errors;
            foreach (var nested in branches.SelectMany(b => b.Value))
            {
                Collect(nested, root, issues);
            }

            return;
        }

        if (error.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed)
        {
            return;
        }

        issues.Add(Classify(error, SchemaPath.From(error.Path ?? "#", root)));
    }

    private static PayloadIssue Classify(ValidationError error, string path)
    {
        var token = error.Token;
        var expected = Describe(error.Schema);
        switch (error.Kind)
        {
            case ValidationErrorKind.PropertyRequired:
                return new PayloadIssue(FindingKind.RequiredFieldMissing, path, $"required field '{error.Property}' is missing");
            case ValidationErrorKind.NotInEnumeration:
                var allowed = string.Join(", ", error.Schema?.Enumeration.Select(v => v?.ToString() ?? "null") ?? []);
                return new PayloadIssue(FindingKind.EnumValueUnknown, path, $"value {Show(token)} is not one of the documented values ({allowed})");
        }

        if (IsTypeError(error.Kind))
        {
            if (token is null || token.Type == JTokenType.Null)
            {
                return new PayloadIssue(FindingKind.NullabilityTightened, path, $"null where the snapshot allows only {expected}");
            }

            var kind = token.Parent is JArray ? FindingKind.ArrayItemChanged : FindingKind.TypeChanged;
            var what = kind == FindingKind.ArrayItemChanged ? "array item" : "value";
            return new PayloadIssue(kind, path, $"{what} is {Describe(token)} {Show(token)}, the snapshot says {expected}");
        }

        if (error.Kind.ToString().EndsWith("Expected", StringComparison.Ordinal))
        {
            return new PayloadIssue(FindingKind.FormatChanged, path, $"{Show(token)} is not a {error.Schema?.Format ?? error.Kind.ToString()[..^8]}");
        }

        return new PayloadIssue(FindingKind.ConstraintViolated, path, $"{Show(token)} breaks the snapshot's constraint ({error.Kind})");
    }

    private static bool IsTypeError(ValidationErrorKind kind) => kind is ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected
        or ValidationErrorKind.IntegerExpected or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected
        or ValidationErrorKind.ArrayExpected or ValidationErrorKind.NullExpected or ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf;

    /// <summary>A required field gone and an unknown one arrived in the same object: one rename, not two findings.</summary>
    private static void PairRenames(List<PayloadIssue> issues, List<ExtraFieldWalker.ExtraField> extras)
    {
        foreach (var extra in extras)
        {
            var missing = issues.FindIndex(i => i.Kind == FindingKind.RequiredFieldMissing && SchemaPath.Parent(i.Path) == extra.ParentPath);
            if (missing >= 0)
            {
                var old = issues[missing];
                issues[missing] = new PayloadIssue(
                    FindingKind.FieldRenamed,
                    old.Path,
                    $"required field '{SchemaPath.Leaf(old.Path)}' is missing and undocumented field '{extra.Name}' appeared: renamed to '{extra.Name}'?");
                continue;
            }

            issues.Add(new PayloadIssue(FindingKind.FieldAdded, extra.Path, $"field '{extra.Name}' is not in the snapshot"));
        }
    }

    internal static string Describe(JsonSchema? schema)
    {
        if (schema is null)
        {
            return "another type";
        }

        var type = schema.ActualSchema.Type & ~JsonObjectType.Null;
        var text = type == JsonObjectType.None ? "any value" : type.ToString().ToLowerInvariant().Replace(", ", " or ", StringComparison.Ordinal);
        return schema.ActualSchema.Format is { Length: > 0 } format ? $"{text} ({format})" : text;
    }

    private static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.String => "a string",
        JTokenType.Boolean => "a boolean",
        JTokenType.Array => "an array",
        JTokenType.Object => "an object",
        _ => token.Type.ToString().ToLowerInvariant(),
    };

    private static string Show(JToken? token) => token switch
    {
        null => "null",
        JValue { Type: JTokenType.String } s => "\"" + JsonPayload.Excerpt((string)s!) + "\"",
        JValue v => v.ToString(Newtonsoft.Json.Formatting.None),
        JArray => "[…]",
        _ => "{…}",
    };
}
