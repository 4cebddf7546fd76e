using GtmGuard.LoadTests.Metrics;
using GtmGuard.LoadTests.Models;
using GtmGuard.LoadTests.Reconciliation;
using GtmGuard.LoadTests.Reports;

namespace GtmGuard.LoadTests.Scenarios;

/// <summary>
/// One load scenario: it starts the system under test, turns each record the load model issues into real work, says when
/// the work is drained, and reconciles the vendors' end state against what it sent.
/// </summary>
public abstract class LoadScenario : IAsyncDisposable
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>The load model used when the command line names none.</summary>
    public abstract LoadModel DefaultModel { get; }

    /// <summary>The most records/s the vendor quota allows (null when no quota bounds the scenario).</summary>
    public virtual Ceiling? Ceiling => null;

    /// <summary>Rate limits before this offset are the client learning the budget; after it they count as failures to pace.</summary>
    public virtual TimeSpan FirstWindow => TimeSpan.FromSeconds(10);

    /// <summary>Scenario-specific figures for the report.</summary>
    public virtual IReadOnlyDictionary<string, string> Notes => new Dictionary<string, string>();

    protected ScenarioContext Context { get; private set; } = null!;

    protected RunRecorder Recorder => Context.Recorder;

    public Task StartAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        Context = context;
        return StartCoreAsync(cancellationToken);
    }

    protected abstract Task StartCoreAsync(CancellationToken cancellationToken);

    /// <summary>Issues record <paramref name="sequence"/>; an open model does not wait for more than its acceptance.</summary>
    public abstract ValueTask ExecuteAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>The load model stopped: send whatever is still buffered.</summary>
    public virtual Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether every issued record has gone as far as it will go (queues empty).</summary>
    public abstract Task<bool> IsDrainedAsync(CancellationToken cancellationToken);

    /// <summary>The vendors' end state against what was sent.</summary>
    public abstract Task<ReconciliationResult> ReconcileAsync(CancellationToken cancellationToken);

    /// <summary>The simulators' own process when they run apart from the runner (null while not started, or in process).</summary>
    public virtual System.Diagnostics.Process? SimulatorsProcess => null;

    public virtual Task<long> DeadLettersAsync(CancellationToken cancellationToken) => Task.FromResult(0L);

    public abstract ValueTask DisposeAsync();
}

/// <summary>What a scenario gets from the runner: its recorder, the options, and the records issued so far.</summary>
public sealed class ScenarioContext
{
    public ScenarioContext(RunRecorder recorder, ScenarioOptions options, Func<long> issued)
    {
        Recorder = recorder;
        Options = options;
        Issued = issued;
    }

    public RunRecorder Recorder { get; }

    public ScenarioOptions Options { get; }

    /// <summary>Records the load model issued so far (sequence numbers 0 … Issued−1, minus dropped ones).</summary>
    public Func<long> Issued { get; }
}
