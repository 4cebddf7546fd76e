namespace GtmGuard.Sync.Resilience;

/// <summary>How a vendor call ended; the closed set that drives retry, dead-lettering and metrics.</summary>
public enum VendorOutcome
{
    Success,

    /// <summary>401 after the one refresh-and-replay: credentials are wrong or revoked.</summary>
    Unauthorized,

    /// <summary>The vendor refused the data (400/409/422): retrying the same request cannot help; dead-letter it.</summary>
    Validation,

    NotFound,

    /// <summary>429, or Salesforce's 403 REQUEST_LIMIT_EXCEEDED: a quota outcome, retried after the vendor's wait.</summary>
    RateLimited,

    /// <summary>5xx or an unreadable success body.</summary>
    ServerError,

    Timeout,

    /// <summary>Connection refused, reset or dropped.</summary>
    Network,
}
