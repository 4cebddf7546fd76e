using NJsonSchema;

namespace GtmGuard.Contracts.Snapshots;

/// <summary>One operation of a snapshot (a path and method, or a webhook payload), as recordings are matched against it.</summary>
public sealed class SnapshotOperation
{
    internal SnapshotOperation(ContractSnapshot snapshot, string id, string method, PathTemplate template, string? webhookName)
    {
        Snapshot = snapshot;
        Id = id;
        Method = method;
        Template = template;
        WebhookName = webhookName;
    }

    public ContractSnapshot Snapshot { get; }

    public string Vendor => Snapshot.Vendor;

    /// <summary>The snapshot's operationId (<c>contacts.batchUpsert</c>), or <c>webhook:NAME</c>: bounded, safe as a metric label.</summary>
    public string Id { get; }

    /// <summary>Upper-case HTTP method; <c>POST</c> for webhooks.</summary>
    public string Method { get; }

    public string Path => Template.Text;

    /// <summary>The webhook's name in the snapshot's <c>webhooks</c> section, or null for an API path.</summary>
    public string? WebhookName { get; }

    internal PathTemplate Template { get; }

    internal IReadOnlyDictionary<string, JsonSchema> PathParameters { get; init; } = new Dictionary<string, JsonSchema>();

    internal IReadOnlyList<SnapshotParameter> Parameters { get; init; } = [];

    internal IReadOnlyList<SnapshotResponse> Responses { get; init; } = [];

    /// <summary>Media type → request body schema.</summary>
    internal IReadOnlyDictionary<string, JsonSchema?> RequestContent { get; init; } = new Dictionary<string, JsonSchema?>();

    internal bool RequestBodyRequired { get; init; }

    /// <summary>A concrete path and query to GET when sampling a live API (<c>x-gtmguard-live-sample</c>), or null.</summary>
    public string? LiveSample { get; init; }

    /// <summary>The response documented for <paramref name="status"/>: exact code first, then <c>2XX</c>-style ranges, then <c>default</c>.</summary>
    internal SnapshotResponse? ResponseFor(int status) =>
        Responses.FirstOrDefault(r => r.StatusKey == status.ToString(System.Globalization.CultureInfo.InvariantCulture))
        ?? Responses.FirstOrDefault(r => r.Matches(status))
        ?? Responses.FirstOrDefault(r => r.StatusKey == "default");

    public override string ToString() => WebhookName is null ? $"{Method} {Path}" : $"webhook {WebhookName}";
}

/// <summary>A documented parameter: where it goes, whether it is required, and its schema.</summary>
internal sealed record SnapshotParameter(string Name, string In, bool Required, JsonSchema? Schema);
