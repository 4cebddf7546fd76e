using GtmGuard.Sync.Vendors;

namespace GtmGuard.Sync.Storage;

/// <summary>
/// A failure to keep for inspection and replay; request and response must already be redacted (<see cref="SecretRedactor"/>).
/// <c>ErrorType</c> is a bounded category (a <c>VendorOutcome</c> name, <c>handler_failed</c>…) usable as a metric label;
/// <c>SourceId</c> is the inbox sequence or outbox id a replay re-queues (null for <see cref="DeadLetterSource.Workflow"/>).
/// </summary>
public sealed record NewDeadLetter(
    string Workflow,
    VendorId Vendor,
    string Operation,
    string ErrorType,
    string? ErrorMessage,
    RecordedRequest Request,
    RecordedResponse? Response,
    int Attempts,
    DeadLetterSource Source = DeadLetterSource.Workflow,
    long? SourceId = null);
