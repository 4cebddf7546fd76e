namespace GtmGuard.Contracts.Recordings;

/// <summary>
/// One recorded HTTP exchange with a vendor API, or one webhook delivery from a vendor (then <see cref="IsWebhook"/>
/// is set and the payload is <see cref="RequestBody"/>, the body the vendor POSTed).
/// </summary>
public sealed record RecordedExchange
{
    /// <summary>Where it came from: a capture file, <c>file.har#12</c>, a URL. Shown in reports.</summary>
    public required string Source { get; init; }

    /// <summary>Lower-case vendor name, or null to find it by matching the path against every snapshot.</summary>
    public string? Vendor { get; init; }

    public string Method { get; init; } = "GET";

    /// <summary>Absolute URL or path, with or without a query string.</summary>
    public string Url { get; init; } = "/";

    public int Status { get; init; }

    public string? RequestBody { get; init; }

    public string? RequestContentType { get; init; }

    public string? ResponseBody { get; init; }

    public string? ResponseContentType { get; init; }

    /// <summary>True when the recorder did not keep the response body (a HAR entry without <c>content.text</c>): it is not checked.</summary>
    public bool ResponseBodyOmitted { get; init; }

    /// <summary>Response headers (for webhooks: the delivery's request headers), case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public bool IsWebhook { get; init; }

    /// <summary>The webhook's name in the snapshot when the recording says it; otherwise it is read from the payload.</summary>
    public string? WebhookName { get; init; }

    /// <summary>The path part of <see cref="Url"/>, without the query string.</summary>
    public string Path
    {
        get
        {
            if (Uri.TryCreate(Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri.AbsolutePath;
            }

            var path = Snapshots.SnapshotSet.StripQuery(Url);
            return path.StartsWith('/') ? path : "/" + path;
        }
    }
}
