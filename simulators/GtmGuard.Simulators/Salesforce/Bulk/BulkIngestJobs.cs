namespace GtmGuard.Simulators.Salesforce.Bulk;

/// <summary>
/// Every ingest job, and the asynchronous part of their life: once closed, a job waits one processing
/// delay before going InProgress and another before its rows are applied, on the injected clock.
/// </summary>
internal sealed class BulkIngestJobs : IDisposable
{
    private readonly Dictionary<string, BulkIngestJob> _jobs = new(StringComparer.Ordinal);
    private readonly BulkIngestProcessor _processor;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _delay;
    private long _sequence;

    public BulkIngestJobs(BulkIngestProcessor processor, TimeProvider clock, TimeSpan delay)
    {
        _processor = processor;
        _clock = clock;
        _delay = delay;
    }

    /// <summary>Held for every read or change of a job.</summary>
    public Lock Gate { get; } = new();

    public int Count
    {
        get
        {
            lock (Gate)
            {
                return _jobs.Count;
            }
        }
    }

    public string NextId() => SalesforceIds.Create("750", ++_sequence);

    public void Add(BulkIngestJob job) => _jobs[job.Id] = job;

    public BulkIngestJob? Find(string id) =>
        SalesforceIds.TryNormalize(id, out var full) ? _jobs.GetValueOrDefault(full) : null;

    public IReadOnlyList<BulkIngestJob> All() => _jobs.Values.OrderBy(j => j.Id, StringComparer.Ordinal).ToList();

    public bool Remove(BulkIngestJob job)
    {
        job.StopTimers();
        return _jobs.Remove(job.Id);
    }

    /// <summary>Marks the job UploadComplete and schedules its two processing steps; the caller holds <see cref="Gate"/>.</summary>
    public void Close(BulkIngestJob job)
    {
        job.State = BulkJobState.UploadComplete;
        job.SystemModstamp = Now();
        job.Timers.Add(_clock.CreateTimer(_ => Step(job, Start), null, _delay, Timeout.InfiniteTimeSpan));
        job.Timers.Add(_clock.CreateTimer(_ => Step(job, Finish), null, _delay + _delay, Timeout.InfiniteTimeSpan));
    }

    /// <summary>Stops the job; rows not yet applied become unprocessed records.</summary>
    public void Abort(BulkIngestJob job)
    {
        job.StopTimers();
        job.State = BulkJobState.Aborted;
        job.SystemModstamp = Now();
        job.Unprocessed.AddRange(UnprocessedRows(job));
    }

    public void Clear()
    {
        lock (Gate)
        {
            foreach (var job in _jobs.Values)
            {
                job.StopTimers();
            }

            _jobs.Clear();
            _sequence = 0;
        }
    }

    public void Dispose() => Clear();

    private void Step(BulkIngestJob job, Action<BulkIngestJob> step)
    {
        lock (Gate)
        {
            // An aborted or deleted job keeps no timers, but a callback may already be on its way.
            if (_jobs.ContainsKey(job.Id) && !job.IsTerminal)
            {
                step(job);
                job.SystemModstamp = Now();
            }
        }
    }

    private static void Start(BulkIngestJob job) => job.State = BulkJobState.InProgress;

    private void Finish(BulkIngestJob job)
    {
        var started = _clock.GetTimestamp();
        _processor.Process(job);
        var elapsed = (long)Math.Max(1, _clock.GetElapsedTime(started).TotalMilliseconds);
        job.TotalProcessingTime = (long)_delay.TotalMilliseconds + elapsed;
        job.ApiActiveProcessingTime = elapsed;
        job.StopTimers();
    }

    private DateTimeOffset Now() => SalesforceValues.Truncate(_clock.GetUtcNow());

    /// <summary>The uploaded data rows, for a job stopped before processing; unreadable data yields none.</summary>
    private static List<IReadOnlyList<string>> UnprocessedRows(BulkIngestJob job)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var upload in job.Uploads)
        {
            try
            {
                var records = Csv.Parse(upload, job.Delimiter);
                records.RemoveAll(r => r.Count == 1 && r[0].Length == 0);
                if (records.Count > 0)
                {
                    job.Header = job.Header.Count == 0 ? records[0] : job.Header;
                    rows.AddRange(records.Skip(1));
                }
            }
            catch (FormatException)
            {
                return [];
            }
        }

        return rows;
    }
}
