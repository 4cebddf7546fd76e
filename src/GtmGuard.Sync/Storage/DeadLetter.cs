using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Storage;

/// <summary>A stored failure with its full (redacted) request and response.</summary>
public sealed record DeadLetter(
    long Id,
    string Workflow,
    VendorId Vendor,
    string Operation,
    string ErrorType,
    string? ErrorMessage,
    RecordedRequest Request,
    RecordedResponse? Response,
    int Attempts,
    DeadLetterSource Source,
    long? SourceId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReplayedAt);
