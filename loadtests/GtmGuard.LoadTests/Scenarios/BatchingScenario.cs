using GtmGuard.LoadTests.Hosting;

namespace GtmGuard.LoadTests.Scenarios;

/// <summary>
/// A scenario whose records are batched into the sync core (<see cref="LeadBatcher"/>) running in a
/// <see cref="SystemUnderTest"/>: issuing a record queues it; the load's end flushes the queue.
/// </summary>
public abstract class BatchingScenario : LoadScenario
{
    private LeadBatcher? _batcher;

    protected SystemUnderTest Stack { get; private set; } = null!;

    /// <summary>Records queued or in a batch being sent.</summary>
    protected long Pending => _batcher?.Pending ?? 0;

    /// <summary>Sets the system under test and how batches reach it.</summary>
    private protected void Use(SystemUnderTest stack, LeadBatcher batcher)
    {
        Stack = stack;
        _batcher = batcher;
    }

    public override ValueTask ExecuteAsync(long sequence, CancellationToken cancellationToken)
    {
        Recorder.MarkSubmitted(sequence);
        _batcher!.Add(sequence);
        return ValueTask.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _batcher!.CompleteAsync();

    public override System.Diagnostics.Process? SimulatorsProcess => Stack is null ? null : Stack.Simulators.Process;

    public override Task<long> DeadLettersAsync(CancellationToken cancellationToken) => Stack.DeadLetterCountAsync(cancellationToken);

    /// <summary>Runs the options' hook (tests remove a record here) before the end state is read.</summary>
    protected async Task BeforeReconcileAsync(CancellationToken cancellationToken)
    {
        if (Context.Options.BeforeReconcile is { } hook)
        {
            await hook(Stack, cancellationToken).ConfigureAwait(false);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    protected virtual async ValueTask DisposeCoreAsync()
    {
        if (_batcher is not null)
        {
            await _batcher.DisposeAsync().ConfigureAwait(false);
        }

        if (Stack is not null)
        {
            await Stack.DisposeAsync().ConfigureAwait(false);
        }
    }
}
