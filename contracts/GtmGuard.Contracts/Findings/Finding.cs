namespace GtmGuard.Contracts.Findings;

/// <summary>
/// One difference between a payload (or a snapshot version) and the snapshot: where it is and what it means.
/// <see cref="Operation"/> is the snapshot's operation id, a bounded name safe for metric labels.
/// </summary>
public sealed record Finding(
    Severity Severity,
    FindingKind Kind,
    string Vendor,
    string Operation,
    string Location,
    string Path,
    string Message)
{
    /// <summary>How many payloads (or array items) showed this finding.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Where the first occurrence came from: a capture file, a HAR entry, a URL.</summary>
    public string? Source { get; init; }
}
