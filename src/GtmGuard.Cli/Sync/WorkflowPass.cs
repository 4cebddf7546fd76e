using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Webhooks;
using GtmGuard.Sync.Workflows;
using GtmGuard.Sync.Workflows.Outbox;

namespace GtmGuard.Cli.Sync;

/// <summary>How one pass of one workflow ended.</summary>
internal sealed record WorkflowPassResult(int Events, int Writes, int DeadLettered, int StillPending)
{
    /// <summary>0: everything due was worked off and nothing dead-lettered; 1: something was dead-lettered or is still waiting for a retry.</summary>
    public int ExitCode => DeadLettered == 0 && StillPending == 0 ? 0 : 1;
}

/// <summary>
/// One workflow's share of the store, worked off: its inbox events (only the kinds its handlers take) and its outbox
/// writes, repeated while retries fall due within the allowed wait.
/// </summary>
internal sealed class WorkflowPass(string workflow, ISyncStore store, InboxProcessor processor, OutboxSender sender, TimeProvider clock)
{
    private readonly IReadOnlyList<InboxEventKind> _kinds = WorkflowEvents.For(workflow);

    /// <summary>Drains what is due now; returns the events and writes claimed.</summary>
    public async Task<(int Events, int Writes)> DrainAsync(CancellationToken cancellationToken)
    {
        var events = 0;
        for (var claimed = -1; claimed != 0;)
        {
            claimed = await processor.RunOnceAsync(_kinds, cancellationToken);
            events += claimed;
        }

        // Applied events stage writes: send them, then look again in case a retry fell due meanwhile.
        var writes = 0;
        for (var claimed = -1; claimed != 0;)
        {
            claimed = await sender.SendOnceAsync(workflow, cancellationToken);
            writes += claimed;
        }

        return (events, writes);
    }

    /// <summary>Drains, waits for retries due within <paramref name="maxWait"/>, and drains again until nothing is pending.</summary>
    public async Task<WorkflowPassResult> RunAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        // The store keeps milliseconds: compare dead letters' times at that precision.
        var started = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var deadline = started + maxWait;
        var (events, writes) = (0, 0);
        while (true)
        {
            var (e, w) = await DrainAsync(cancellationToken);
            events += e;
            writes += w;
            var next = await NextRetryAsync(cancellationToken);
            if (next is null || next > deadline)
            {
                break;
            }

            var wait = next.Value - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }
        }

        var letters = await store.ListDeadLettersAsync(new DeadLetterFilter(workflow, Limit: 100_000), cancellationToken);
        var pending = await PendingAsync(cancellationToken);
        return new WorkflowPassResult(events, writes, letters.Count(l => l.CreatedAt >= started), pending.Count);
    }

    private async Task<DateTimeOffset?> NextRetryAsync(CancellationToken cancellationToken)
    {
        var pending = await PendingAsync(cancellationToken);
        return pending.Count == 0 ? null : pending.Min();
    }

    /// <summary>When each of this workflow's pending events and writes is due next.</summary>
    private async Task<List<DateTimeOffset>> PendingAsync(CancellationToken cancellationToken)
    {
        var due = new List<DateTimeOffset>();
        var writes = await store.ListOutboxAsync(OutboxItemState.Pending, 100_000, cancellationToken);
        due.AddRange(writes.Where(w => w.Workflow == workflow).Select(w => w.NextAttemptAt));
        foreach (var vendor in _kinds.Select(k => k.Vendor).Distinct())
        {
            var events = await store.ListInboxEventsAsync(new InboxEventFilter(vendor, InboxEventState.Pending, Limit: 100_000), cancellationToken);
            due.AddRange(events.Where(e => _kinds.Contains(new InboxEventKind(e.Vendor, e.EventType))).Select(e => e.NextAttemptAt));
        }

        return due;
    }
}
