namespace GtmGuard.Sync.Storage;

/// <summary>An HTTP request kept in a dead letter; redact it with <see cref="SecretRedactor"/> before storing.</summary>
public sealed record RecordedRequest(string Method, string Url, IReadOnlyDictionary<string, string> Headers, string? Body);
