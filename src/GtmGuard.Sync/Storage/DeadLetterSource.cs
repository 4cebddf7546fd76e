namespace GtmGuard.Sync.Storage;

/// <summary>What a dead letter came from, and so what a replay re-queues.</summary>
public enum DeadLetterSource
{
    /// <summary>A workflow call outside the outbox; a replay only marks it, the caller re-runs it.</summary>
    Workflow,

    /// <summary>An inbox event whose handlers kept failing; a replay makes it pending again.</summary>
    Inbox,

    /// <summary>An outbox write the vendor refused or that ran out of retries; a replay makes it pending again.</summary>
    Outbox,
}
