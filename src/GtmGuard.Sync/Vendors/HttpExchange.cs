using GtmGuard.Sync.Storage;

namespace GtmGuard.Sync.Vendors;

/// <summary>One HTTP exchange with a vendor as it went over the wire, not yet redacted; <c>Response</c> is null when none came (network failure, timeout).</summary>
public sealed record HttpExchange(RecordedRequest Request, RecordedResponse? Response)
{
    /// <summary>True when the vendor answered 2xx.</summary>
    public bool Succeeded => Response is { StatusCode: >= 200 and < 300 };

    /// <summary>Both halves with their secrets masked (<see cref="SecretRedactor"/>), ready for a dead letter.</summary>
    public HttpExchange Redacted() => new(SecretRedactor.Redact(Request), Response is null ? null : SecretRedactor.Redact(Response));
}
