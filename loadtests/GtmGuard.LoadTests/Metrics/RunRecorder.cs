using System.Collections.Concurrent;

namespace GtmGuard.LoadTests.Metrics;

/// <summary>
/// Everything one scenario run measures: record submissions and completions (end-to-end latency), vendor requests
/// (latency per attempt on the wire, 429s, retries), errors by type, and a per-second timeline. Anything that happens
/// before <see cref="MeasureFrom"/> (the warm-up) is counted in the timeline but left out of the results.
/// </summary>
public sealed class RunRecorder
{
    private readonly TimeProvider _clock;
    private long _start;
    private int _begun;
    private readonly RecordLedger _ledger = new();
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _callsByOperation = new(StringComparer.Ordinal);
    private readonly Lock _timelineGate = new();
    private readonly List<TimelineSecond> _timeline = [];
    private long _submitted;
    private long _completed;
    private long _completedMeasured;
    private long _completedInWindow;
    private long _completedAfterWarmUp;
    private long _rewrites;
    private long _requests;
    private long _rateLimited;
    private long _rateLimitedAfterFirstWindow;
    private long _retries;
    private long _lastCompletion;
    private long _loadEnd;

    public RunRecorder(TimeProvider clock, TimeSpan measureFrom)
    {
        _clock = clock;
        _start = clock.GetTimestamp();
        MeasureFrom = measureFrom;
    }

    /// <summary>Offset from the start where results begin (the end of the warm-up).</summary>
    public TimeSpan MeasureFrom { get; }

    /// <summary>Rate-limit answers within this first stretch (one quota window) are expected while the client learns the budget.</summary>
    public TimeSpan FirstWindow { get; set; } = TimeSpan.FromSeconds(10);

    public LatencyHistogram RequestLatency { get; } = new();

    public LatencyHistogram EndToEndLatency { get; } = new();

    public long Submitted => Interlocked.Read(ref _submitted);

    public long Completed => Interlocked.Read(ref _completed);

    public long Requests => Interlocked.Read(ref _requests);

    public long RateLimited => Interlocked.Read(ref _rateLimited);

    public long RateLimitedAfterFirstWindow => Interlocked.Read(ref _rateLimitedAfterFirstWindow);

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Completions seen again after the first (a record written twice); reconciliation says whether it doubled.</summary>
    public long Rewrites => Interlocked.Read(ref _rewrites);

    public IReadOnlyDictionary<string, long> Errors => new SortedDictionary<string, long>(_errors, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> CallsByOperation => new SortedDictionary<string, long>(_callsByOperation, StringComparer.Ordinal);

    public long ErrorCount => _errors.Values.Sum();

    public TimeSpan Elapsed => _clock.GetElapsedTime(_start);

    /// <summary>The load starts now: time offsets count from here, and set-up traffic before it is not recorded.</summary>
    public void Begin()
    {
        Interlocked.Exchange(ref _start, _clock.GetTimestamp());
        Interlocked.Exchange(ref _begun, 1);
    }

    public void MarkSubmitted(long sequence)
    {
        _ledger.Submitted(sequence, _clock.GetTimestamp());
        Interlocked.Increment(ref _submitted);
    }

    /// <summary>The record reached its destination: its end-to-end latency is recorded the first time only.</summary>
    public bool MarkCompleted(long sequence)
    {
        var now = _clock.GetTimestamp();
        var (submittedAt, first) = _ledger.Completed(sequence);
        if (!first)
        {
            Interlocked.Increment(ref _rewrites);
            return false;
        }

        Interlocked.Increment(ref _completed);
        var offset = _clock.GetElapsedTime(_start, now);
        Bucket(offset, b => b.Completed++);
        Interlocked.Exchange(ref _lastCompletion, now);
        if (offset >= MeasureFrom)
        {
            Interlocked.Increment(ref _completedAfterWarmUp);
            if (Interlocked.Read(ref _loadEnd) == 0)
            {
                Interlocked.Increment(ref _completedInWindow);
            }
        }

        // Latency only for records submitted after the warm-up: their queueing is the steady state's.
        if (submittedAt != 0 && _clock.GetElapsedTime(_start, submittedAt) >= MeasureFrom)
        {
            Interlocked.Increment(ref _completedMeasured);
            EndToEndLatency.Record(_clock.GetElapsedTime(submittedAt, now));
        }

        return true;
    }

    /// <summary>One attempt on the wire (retries included), with its status (0 when no response came back).</summary>
    public void RecordRequest(string operation, TimeSpan latency, int status, bool retry, bool rateLimited)
    {
        if (Volatile.Read(ref _begun) == 0)
        {
            return;
        }

        var offset = Elapsed;
        var measured = offset >= MeasureFrom;
        Interlocked.Increment(ref _requests);
        _callsByOperation.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (measured)
        {
            RequestLatency.Record(latency);
        }

        if (retry)
        {
            Interlocked.Increment(ref _retries);
        }

        if (rateLimited)
        {
            Interlocked.Increment(ref _rateLimited);
            if (offset >= FirstWindow)
            {
                Interlocked.Increment(ref _rateLimitedAfterFirstWindow);
            }

            Bucket(offset, b => b.RateLimited++);
            RecordError("rate_limited");
        }
        else if (status is 0 or >= 400)
        {
            RecordError(status == 0 ? "network" : $"http_{status}");
        }

        Bucket(offset, b => b.Requests++);
    }

    public void RecordError(string type)
    {
        _errors.AddOrUpdate(type, 1, (_, n) => n + 1);
        Bucket(Elapsed, b => b.Errors++);
    }

    /// <summary>The load model stopped issuing records: the throughput window closes here.</summary>
    public void MarkLoadEnd() => Interlocked.CompareExchange(ref _loadEnd, _clock.GetTimestamp(), 0);

    /// <summary>
    /// Sustained records/s: first completions inside the load window (after the warm-up, before the load stopped) ÷ the
    /// window. For a run by count the window runs from the warm-up's end to the last completion instead.
    /// </summary>
    public double RecordsPerSecond(bool untilLastCompletion)
    {
        var end = untilLastCompletion ? Interlocked.Read(ref _lastCompletion) : Interlocked.Read(ref _loadEnd);
        if (end == 0)
        {
            return 0;
        }

        var window = _clock.GetElapsedTime(_start, end) - MeasureFrom;
        var count = untilLastCompletion ? Interlocked.Read(ref _completedAfterWarmUp) : Interlocked.Read(ref _completedInWindow);
        return window > TimeSpan.Zero ? count / window.TotalSeconds : 0;
    }

    public long CompletedMeasured => Interlocked.Read(ref _completedMeasured);

    public IReadOnlyList<TimelineSecond> Timeline()
    {
        lock (_timelineGate)
        {
            return _timeline.Select(t => t with { }).ToList();
        }
    }

    private void Bucket(TimeSpan offset, Action<TimelineSecond> change)
    {
        var second = (int)offset.TotalSeconds;
        lock (_timelineGate)
        {
            while (_timeline.Count <= second)
            {
                _timeline.Add(new TimelineSecond { Second = _timeline.Count });
            }

            change(_timeline[second]);
        }
    }
}

/// <summary>What happened in one second of a run.</summary>
public sealed record TimelineSecond
{
    public int Second { get; init; }

    public long Completed { get; set; }

    public long Requests { get; set; }

    public long Errors { get; set; }

    public long RateLimited { get; set; }
}
