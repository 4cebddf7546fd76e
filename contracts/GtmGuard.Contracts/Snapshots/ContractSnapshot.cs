using NSwag;

namespace GtmGuard.Contracts.Snapshots;

/// <summary>One loaded snapshot file: a vendor's API subset at one version, with its operations and webhooks.</summary>
public sealed class ContractSnapshot
{
    internal ContractSnapshot(string vendor, string filePath, OpenApiDocument document)
    {
        Vendor = vendor;
        FilePath = filePath;
        Document = document;
    }

    /// <summary>Lower-case vendor name: the folder the file sits in, or <c>info.x-gtmguard-vendor</c>.</summary>
    public string Vendor { get; }

    public string FilePath { get; }

    public string FileName => System.IO.Path.GetFileName(FilePath);

    public string Title => Document.Info?.Title ?? FileName;

    /// <summary><c>info.version</c>: the vendor's API version the snapshot describes.</summary>
    public string ApiVersion => Document.Info?.Version ?? string.Empty;

    public IReadOnlyList<SnapshotOperation> Operations { get; internal set; } = [];

    public IEnumerable<SnapshotOperation> Webhooks => Operations.Where(o => o.WebhookName is not null);

    /// <summary>How a webhook delivery names its event (<c>x-gtmguard-webhook-name</c>), or null when the vendor has one webhook.</summary>
    internal WebhookNaming? WebhookNaming { get; init; }

    /// <summary>The header a live sample sends its token in (<c>x-gtmguard-live-auth-header</c>); <c>Authorization: Bearer</c> when null.</summary>
    public string? LiveAuthHeader { get; init; }

    internal OpenApiDocument Document { get; }

    public override string ToString() => $"{Vendor}/{FileName}";
}
