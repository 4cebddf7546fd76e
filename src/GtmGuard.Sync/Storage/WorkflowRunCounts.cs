namespace GtmGuard.Sync.Storage;

/// <summary>What one workflow run did with its records.</summary>
public sealed record WorkflowRunCounts(int Read, int Written, int Skipped, int DeadLettered)
{
    public static WorkflowRunCounts None { get; } = new(0, 0, 0, 0);
}
