using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using NSwag;

namespace GtmGuard.Contracts.Snapshots;

/// <summary>
/// Loads hand-written OpenAPI snapshots with NSwag. The 3.1 <c>webhooks</c> section, which NSwag does not read,
/// is moved under synthetic paths (<c>/__webhooks/NAME</c>) first so its schemas and references resolve like any other.
/// A file that can't be read, parsed or resolved raises <see cref="SnapshotLoadException"/> naming it.
/// </summary>
public static class SnapshotLoader
{
    public const string FilePattern = "*.openapi.json";

    internal const string WebhookPathPrefix = "/__webhooks/";

    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>Every <c>*.openapi.json</c> under <paramref name="root"/>, one folder per vendor (<c>contracts/hubspot/…</c>).</summary>
    public static async Task<SnapshotSet> LoadDirectoryAsync(string root, CancellationToken cancellationToken = default)
    {
        if (File.Exists(root))
        {
            return new SnapshotSet([await LoadFileAsync(root, cancellationToken: cancellationToken)]);
        }

        if (!Directory.Exists(root))
        {
            throw new SnapshotLoadException(root, "no such snapshot folder or file.");
        }

        var files = Directory.EnumerateFiles(root, FilePattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new SnapshotLoadException(root, $"no {FilePattern} snapshot files found.");
        }

        var snapshots = new List<ContractSnapshot>(files.Count);
        foreach (var file in files)
        {
            snapshots.Add(await LoadFileAsync(file, cancellationToken: cancellationToken));
        }

        return new SnapshotSet(snapshots);
    }

    /// <summary>One snapshot file; its vendor is <c>info.x-gtmguard-vendor</c>, else <paramref name="vendor"/>, else its folder's name.</summary>
    public static async Task<ContractSnapshot> LoadFileAsync(string path, string? vendor = null, CancellationToken cancellationToken = default)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SnapshotLoadException(path, "cannot be read: " + ex.Message, ex);
        }

        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) ?? "unknown";
        return await LoadJsonAsync(text, path, vendor ?? folder.ToLowerInvariant(), cancellationToken);
    }

    /// <summary>A snapshot from JSON text; <paramref name="filePath"/> only names it in errors and reports.</summary>
    public static async Task<ContractSnapshot> LoadJsonAsync(string json, string filePath, string vendor, CancellationToken cancellationToken = default)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new SnapshotLoadException(filePath, "is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new SnapshotLoadException(filePath, $"is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}", ex);
        }

        if (root["openapi"] is not JsonValue version || !version.TryGetValue<string>(out var versionText) || !versionText.StartsWith("3.", StringComparison.Ordinal))
        {
            throw new SnapshotLoadException(filePath, "is not an OpenAPI 3 document (no \"openapi\": \"3.x\" member).");
        }

        var info = root["info"] as JsonObject;
        vendor = info?["x-gtmguard-vendor"]?.GetValue<string>() ?? vendor;
        var webhookNames = MoveWebhooksIntoPaths(root);
        var naming = WebhookNaming.From(root["x-gtmguard-webhook-name"]);
        var liveAuth = root["x-gtmguard-live-auth-header"]?.GetValue<string>();

        OpenApiDocument document;
        try
        {
            document = await OpenApiDocument.FromJsonAsync(root.ToJsonString(), filePath, SchemaType.OpenApi3, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new SnapshotLoadException(filePath, "is not a usable OpenAPI document: " + ex.Message, ex);
        }

        var snapshot = new ContractSnapshot(vendor, filePath, document) { WebhookNaming = naming, LiveAuthHeader = liveAuth };
        snapshot.Operations = ReadOperations(snapshot, document, webhookNames, filePath);
        if (snapshot.Operations.Count == 0)
        {
            throw new SnapshotLoadException(filePath, "documents no operations and no webhooks.");
        }

        return snapshot;
    }

    private static HashSet<string> MoveWebhooksIntoPaths(JsonObject root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (root["webhooks"] is not JsonObject webhooks)
        {
            return names;
        }

        if (root["paths"] is not JsonObject paths)
        {
            paths = new JsonObject();
            root["paths"] = paths;
        }

        foreach (var (name, item) in webhooks.ToList())
        {
            names.Add(name);
            paths[WebhookPathPrefix + name] = item?.DeepClone();
        }

        root.Remove("webhooks");
        return names;
    }

    private static List<SnapshotOperation> ReadOperations(ContractSnapshot snapshot, OpenApiDocument document, HashSet<string> webhookNames, string filePath)
    {
        var basePath = BasePath(document);
        var operations = new List<SnapshotOperation>();
        foreach (var (path, item) in document.Paths)
        {
            var webhook = path.StartsWith(WebhookPathPrefix, StringComparison.Ordinal) && webhookNames.Contains(path[WebhookPathPrefix.Length..])
                ? path[WebhookPathPrefix.Length..]
                : null;
            foreach (var (method, operation) in item.ActualPathItem)
            {
                if (!Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (operation.ActualResponses.Count == 0)
                {
                    throw new SnapshotLoadException(filePath, $"{method.ToUpperInvariant()} {path} documents no responses.");
                }

                var template = PathTemplate.Parse(webhook is null ? basePath + path : path);
                var id = webhook is not null ? "webhook:" + webhook : operation.OperationId ?? $"{method.ToUpperInvariant()} {path}";
                var parameters = operation.ActualParameters
                    .Select(p => p.ActualParameter)
                    .Select(p => new SnapshotParameter(p.Name, p.Kind.ToString().ToLowerInvariant(), p.IsRequired, SchemaOf(p)))
                    .ToList();
                operations.Add(new SnapshotOperation(snapshot, id, method.ToUpperInvariant(), template, webhook)
                {
                    Parameters = parameters,
                    PathParameters = parameters.Where(p => p.In == "path" && p.Schema is not null).ToDictionary(p => p.Name, p => p.Schema!, StringComparer.Ordinal),
                    Responses = operation.ActualResponses.Select(r => Response(r.Key, r.Value.ActualResponse)).ToList(),
                    RequestContent = Content(operation.ActualRequestBody?.Content),
                    RequestBodyRequired = operation.ActualRequestBody?.IsRequired ?? false,
                    LiveSample = operation.ExtensionData is { } extensions && extensions.TryGetValue("x-gtmguard-live-sample", out var sample) ? sample as string : null,
                });
            }
        }

        return operations;
    }

    private static JsonSchema? SchemaOf(OpenApiParameter parameter) => parameter.Schema?.ActualSchema ?? parameter.ActualSchema;

    private static SnapshotResponse Response(string key, OpenApiResponse response) => new()
    {
        StatusKey = string.Equals(key, "default", StringComparison.OrdinalIgnoreCase) ? "default" : key.ToUpperInvariant(),
        Content = Content(response.Content),
        Headers = response.Headers.ToDictionary(
            h => h.Key,
            h => new SnapshotHeader(h.Key, h.Value.IsRequired, h.Value.Schema?.ActualSchema ?? (h.Value.HasTypeInfo() ? h.Value : null)),
            StringComparer.OrdinalIgnoreCase),
    };

    private static Dictionary<string, JsonSchema?> Content(IDictionary<string, OpenApiMediaType>? content) =>
        content?.ToDictionary(c => MediaType(c.Key), c => c.Value.Schema?.ActualSchema, StringComparer.OrdinalIgnoreCase)
        ?? new Dictionary<string, JsonSchema?>(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>application/json; charset=utf-8</c> → <c>application/json</c>.</summary>
    internal static string MediaType(string contentType) => contentType.Split(';', 2)[0].Trim().ToLowerInvariant();

    private static string BasePath(OpenApiDocument document)
    {
        var url = document.Servers?.FirstOrDefault()?.Url;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return string.Empty;
        }

        return uri.AbsolutePath.TrimEnd('/');
    }

    private static bool HasTypeInfo(this JsonSchema schema) => schema.Type != JsonObjectType.None || schema.HasReference;
}
