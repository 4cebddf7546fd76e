namespace GtmGuard.Sync.Webhooks;

/// <summary>What became of a received webhook event: the <c>result</c> label of <c>gtmguard_webhook_events_total</c>.</summary>
public enum WebhookEventResult
{
    /// <summary>Verified and stored in the inbox (answered 2xx).</summary>
    Accepted,

    /// <summary>A copy of an event id already received; stored as such and never applied again.</summary>
    Duplicate,

    /// <summary>Older than the change already applied to its record; dropped.</summary>
    Stale,

    /// <summary>Missing or wrong signature or token (answered 401, nothing stored).</summary>
    BadSignature,

    /// <summary>Authentic but unreadable body (answered 400, nothing stored).</summary>
    Malformed,

    /// <summary>Handled and its record's watermark advanced.</summary>
    Applied,

    /// <summary>Handlers kept failing; dead-lettered.</summary>
    DeadLettered,
}
