using GtmGuard.Contracts.Findings;
using GtmGuard.Contracts.Snapshots;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace GtmGuard.Contracts.Validation;

/// <summary>The checks of one exchange's parts against its documented operation: request body, response headers and body.</summary>
internal static class BodyChecks
{
    public static void CheckRequest(SnapshotOperation operation, string body, string? contentType, Action<PayloadIssue, string> add)
    {
        var media = contentType is null ? null : SnapshotLoader.MediaType(contentType);
        var (declaredMedia, schema) = media is not null && operation.RequestContent.TryGetValue(media, out var declared)
            ? (media, declared)
            : (operation.RequestContent.First().Key, operation.RequestContent.First().Value);
        if (schema is null || !(IsJson(declaredMedia) || declaredMedia == "application/x-www-form-urlencoded"))
        {
            return;
        }

        JToken payload;
        if (media == "application/x-www-form-urlencoded")
        {
            payload = JsonPayload.FromForm(body);
        }
        else if (!JsonPayload.TryParse(body, out payload, out var error))
        {
            add(new PayloadIssue(FindingKind.NotJson, "$", "request body is " + error), "request");
            return;
        }

        foreach (var issue in PayloadValidator.Validate(payload, schema))
        {
            add(issue, "request");
        }
    }

    public static void CheckBody(IReadOnlyDictionary<string, JsonSchema?> content, string? body, string? contentType, Action<PayloadIssue> add)
    {
        var hasBody = !string.IsNullOrWhiteSpace(body);
        if (content.Count == 0)
        {
            if (hasBody)
            {
                add(new PayloadIssue(FindingKind.UnexpectedBody, "$", $"the snapshot documents no body, got \"{JsonPayload.Excerpt(body!)}\""));
            }

            return;
        }

        var media = contentType is null ? null : SnapshotLoader.MediaType(contentType);
        JsonSchema? schema;
        string declaredMedia;
        if (media is not null && content.TryGetValue(media, out schema))
        {
            declaredMedia = media;
        }
        else
        {
            (declaredMedia, schema) = content.First();
            if (media is not null && hasBody)
            {
                add(new PayloadIssue(FindingKind.ContentTypeChanged, "$", $"content type {media}, the snapshot documents {string.Join(", ", content.Keys)}"));
            }
        }

        if (!IsJson(declaredMedia))
        {
            CheckText(schema, body, add);
            return;
        }

        if (!hasBody)
        {
            add(new PayloadIssue(FindingKind.BodyMissing, "$", $"the body is empty; the snapshot documents a {declaredMedia} body"));
            return;
        }

        if (!JsonPayload.TryParse(body, out var payload, out var error))
        {
            add(new PayloadIssue(FindingKind.NotJson, "$", "response body is " + error));
            return;
        }

        if (schema is not null)
        {
            foreach (var issue in PayloadValidator.Validate(payload, schema))
            {
                add(issue);
            }
        }
    }

    /// <summary>CSV bodies (Bulk API results) are checked for the header columns named in <c>x-gtmguard-csv-columns</c>.</summary>
    public static void CheckText(JsonSchema? schema, string? body, Action<PayloadIssue> add)
    {
        if (schema?.ExtensionData?.TryGetValue("x-gtmguard-csv-columns", out var value) != true || value is not IEnumerable<object> columns)
        {
            return;
        }

        var header = (body ?? string.Empty).Split('\n', 2)[0].TrimEnd('\r').TrimStart('\uFEFF').Split(',').Select(c => c.Trim('"')).ToHashSet(StringComparer.Ordinal);
        foreach (var column in columns.Select(c => c.ToString()!))
        {
            if (!header.Contains(column))
            {
                add(new PayloadIssue(FindingKind.RequiredFieldMissing, "$", $"CSV column '{column}' is missing from the header row"));
            }
        }
    }

    public static void CheckHeaders(SnapshotResponse response, IReadOnlyDictionary<string, string> headers, Action<FindingKind, string, string> add)
    {
        if (headers.Count == 0)
        {
            return;
        }

        foreach (var header in response.Headers.Values)
        {
            if (!headers.TryGetValue(header.Name, out var value))
            {
                if (header.Required)
                {
                    add(FindingKind.HeaderMissing, header.Name, $"header {header.Name} is missing");
                }

                continue;
            }

            var type = header.Schema?.ActualSchema.Type ?? JsonObjectType.None;
            if ((type.HasFlag(JsonObjectType.Integer) && !long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _))
                || (header.Schema?.ActualSchema.Pattern is { Length: > 0 } pattern && !System.Text.RegularExpressions.Regex.IsMatch(value, pattern)))
            {
                add(FindingKind.HeaderChanged, header.Name, $"header {header.Name} is \"{JsonPayload.Excerpt(value)}\", the snapshot says {PayloadValidator.Describe(header.Schema)}{(header.Schema?.ActualSchema.Pattern is { } p ? " matching " + p : string.Empty)}");
            }
        }
    }

    public static bool IsJson(string media) => media.EndsWith("json", StringComparison.Ordinal);
}
