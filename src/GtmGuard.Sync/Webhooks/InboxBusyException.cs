namespace GtmGuard.Sync.Webhooks;

/// <summary>The inbox refused a delivery without trying to store it: its queue is full or the intake is stopping. Answer 503 with Retry-After.</summary>
public sealed class InboxBusyException : Exception
{
    public InboxBusyException()
    {
    }

    public InboxBusyException(string message)
        : base(message)
    {
    }

    public InboxBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
