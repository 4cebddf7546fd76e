namespace GtmGuard.Sync.Storage;

/// <summary>An HTTP response kept in a dead letter; redact it with <see cref="SecretRedactor"/> before storing.</summary>
public sealed record RecordedResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string? Body);
