using GtmGuard.LoadTests.Metrics;
using GtmGuard.LoadTests.Models;
using GtmGuard.LoadTests.Progress;
using GtmGuard.LoadTests.Reports;
using GtmGuard.LoadTests.Scenarios;

namespace GtmGuard.LoadTests.Runner;

/// <summary>
/// Runs one scenario under one load model: start the system, drive the load, stop issuing, let the queues drain,
/// reconcile the vendors' end state, and gather everything into a <see cref="ScenarioReport"/>.
/// </summary>
public sealed class LoadRunner
{
    private static readonly double[] CurvePercentiles = [0, 10, 25, 50, 75, 90, 95, 99, 99.9, 100];

    private readonly TimeProvider _clock;
    private readonly IProgressSink _progress;

    public LoadRunner(TimeProvider clock, IProgressSink progress)
    {
        _clock = clock;
        _progress = progress;
    }

    public async Task<ScenarioReport> RunAsync(LoadScenario scenario, LoadModel? model, ScenarioOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        model ??= scenario.DefaultModel;
        var recorder = new RunRecorder(_clock, model.WarmUp);
        var driver = new LoadDriver(_clock);
        var phase = "starting";
        await using var memory = new MemorySampler(_clock, TimeSpan.FromMilliseconds(250), () => scenario.SimulatorsProcess);
        await scenario.StartAsync(new ScenarioContext(recorder, options, () => driver.Issued + driver.Dropped), cancellationToken).ConfigureAwait(false);
        recorder.FirstWindow = scenario.FirstWindow;
        var rate = new RateMeter(_clock);
        var byCount = model.Records is not null && model.Duration is null;

        await _progress.RunAsync(
            scenario.Name,
            () => new ProgressSnapshot(phase, recorder.Elapsed, recorder.Submitted, recorder.Completed, rate.Next(recorder.Completed), recorder.ErrorCount, recorder.RateLimited, recorder.RequestLatency.Summary().P95Ms),
            async () =>
            {
                recorder.Begin();
                phase = model.WarmUp > TimeSpan.Zero ? "warm-up" : "load";
                using var warmUp = model.WarmUp > TimeSpan.Zero ? new Timer(_ => phase = "load", null, model.WarmUp, Timeout.InfiniteTimeSpan) : null;
                await driver.RunAsync(model, scenario.ExecuteAsync, cancellationToken).ConfigureAwait(false);
                recorder.MarkLoadEnd();
                phase = "draining";
                await scenario.FlushAsync(cancellationToken).ConfigureAwait(false);
                await DrainAsync(scenario, options.DrainTimeout, cancellationToken).ConfigureAwait(false);
                phase = "done";
            }).ConfigureAwait(false);

        var reconciliation = await scenario.ReconcileAsync(cancellationToken).ConfigureAwait(false);
        var deadLetters = await scenario.DeadLettersAsync(cancellationToken).ConfigureAwait(false);
        memory.Sample();
        return new ScenarioReport
        {
            Scenario = scenario.Name,
            Description = scenario.Description,
            LoadModel = model.Describe(),
            DurationSeconds = recorder.Elapsed.TotalSeconds,
            Submitted = recorder.Submitted,
            Records = recorder.CompletedMeasured,
            RecordsPerSecond = recorder.RecordsPerSecond(untilLastCompletion: byCount),
            Ceiling = scenario.Ceiling,
            RequestLatency = recorder.RequestLatency.Summary(),
            EndToEndLatency = recorder.EndToEndLatency.Summary(),
            RequestLatencyCurve = recorder.RequestLatency.Curve(CurvePercentiles),
            EndToEndLatencyCurve = recorder.EndToEndLatency.Curve(CurvePercentiles),
            Requests = recorder.Requests,
            CallsByOperation = recorder.CallsByOperation,
            RateLimited = recorder.RateLimited,
            RateLimitedAfterFirstWindow = recorder.RateLimitedAfterFirstWindow,
            Retries = recorder.Retries,
            Errors = recorder.Errors,
            DeadLetters = deadLetters,
            Dropped = driver.Dropped,
            PeakMemoryMb = memory.PeakWorkingSetMb,
            PeakManagedHeapMb = memory.PeakManagedHeapMb,
            SimulatorsPeakMemoryMb = memory.PeakOtherWorkingSetMb,
            Reconciliation = reconciliation,
            Timeline = recorder.Timeline(),
            Notes = scenario.Notes,
        };
    }

    private async Task DrainAsync(LoadScenario scenario, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _clock.GetTimestamp();
        while (_clock.GetElapsedTime(started) < timeout && !await scenario.IsDrainedAsync(cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Completions per second since the previous reading.</summary>
    private sealed class RateMeter(TimeProvider clock)
    {
        private long _at = clock.GetTimestamp();
        private long _count;

        public double Next(long count)
        {
            var now = clock.GetTimestamp();
            var seconds = clock.GetElapsedTime(_at, now).TotalSeconds;
            var rate = seconds > 0 ? (count - _count) / seconds : 0;
            (_at, _count) = (now, count);
            return rate;
        }
    }
}
