using NJsonSchema;

namespace GtmGuard.Contracts.Snapshots;

/// <summary>One documented response of an operation: its status key (<c>200</c>, <c>4XX</c>, <c>default</c>), bodies and headers.</summary>
internal sealed class SnapshotResponse
{
    public required string StatusKey { get; init; }

    /// <summary>Media type (lower case, no parameters) → body schema; empty when the response has no body.</summary>
    public required IReadOnlyDictionary<string, JsonSchema?> Content { get; init; }

    public required IReadOnlyDictionary<string, SnapshotHeader> Headers { get; init; }

    public bool Matches(int status) =>
        StatusKey == status.ToString(System.Globalization.CultureInfo.InvariantCulture)
        || (StatusKey.Length == 3 && StatusKey.EndsWith("XX", StringComparison.OrdinalIgnoreCase) && StatusKey[0] - '0' == status / 100);
}

/// <summary>A documented response header: whether every response carries it, and the schema of its value.</summary>
internal sealed record SnapshotHeader(string Name, bool Required, JsonSchema? Schema);
