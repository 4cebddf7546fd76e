using Microsoft.Extensions.Logging;

namespace GtmGuard.Simulators.Clay;

/// <summary>
/// Runs each row's enrichment <c>EnrichmentDelay</c> after it arrived, on one timer of the injected clock
/// (tests move a fake clock), spends credits, records the outcome and hands finished rows to the callbacks.
/// </summary>
internal sealed partial class ClayEnrichmentQueue : IDisposable
{
    private readonly ClayTables _tables;
    private readonly ClayEnricher _enricher;
    private readonly ClayCredits _credits;
    private readonly ClayCallbacks _callbacks;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _delay;
    private readonly ILogger _logger;
    private readonly PriorityQueue<ClayRow, (DateTimeOffset Due, long Order)> _due = new();
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private long _order;

    public ClayEnrichmentQueue(ClayTables tables, ClayEnricher enricher, ClayCredits credits, ClayCallbacks callbacks, TimeProvider clock, TimeSpan delay, ILogger logger)
    {
        _tables = tables;
        _enricher = enricher;
        _credits = credits;
        _callbacks = callbacks;
        _clock = clock;
        _delay = delay;
        _logger = logger;
        _timer = clock.CreateTimer(_ => RunDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Rows waiting for their enrichment.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _due.Count;
            }
        }
    }

    public void Enqueue(IReadOnlyList<ClayRow> rows)
    {
        bool wasEmpty;
        var due = _clock.GetUtcNow() + _delay;
        lock (_gate)
        {
            wasEmpty = _due.Count == 0;
            foreach (var row in rows)
            {
                _due.Enqueue(row, (due, _order++));
            }
        }

        // The delay is the same for every row, so a new row is never due before the current head.
        if (wasEmpty)
        {
            _timer.Change(_delay, Timeout.InfiniteTimeSpan);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _due.Clear();
        }
    }

    public void Dispose() => _timer.Dispose();

    private void RunDue()
    {
        var now = _clock.GetUtcNow();
        var ready = new List<ClayRow>();
        TimeSpan? next;
        lock (_gate)
        {
            while (_due.TryPeek(out _, out var at) && at.Due <= now)
            {
                ready.Add(_due.Dequeue());
            }

            next = _due.TryPeek(out _, out var head) ? head.Due - now : null;
        }

        foreach (var row in ready)
        {
            // A timer callback that throws would take the process down; one bad row must not stop the others.
            try
            {
                Enrich(row, now);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogEnrichmentFailed(row.Id, ex);
            }
        }

        if (next is { } wait)
        {
            _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan);
        }
    }

    private void Enrich(ClayRow row, DateTimeOffset now)
    {
        if (row.Deleted)
        {
            return;
        }

        // An empty budget stops the lookup itself; a lookup that finds nothing costs nothing.
        ClayEnrichment? enrichment = null;
        string status;
        if (_credits.Exhausted)
        {
            status = ClayRowStatus.OutOfCredits;
        }
        else
        {
            enrichment = _enricher.Enrich(row.Fields);
            status = enrichment is null ? ClayRowStatus.NoMatch
                : _credits.TrySpendEnrichment() ? ClayRowStatus.Enriched
                : ClayRowStatus.OutOfCredits;
        }

        ClayTable? table;
        lock (_tables.Gate)
        {
            table = _tables.Find(row.TableId);
            row.Status = status;
            row.Enrichment = status == ClayRowStatus.Enriched ? enrichment : null;
            row.EnrichedAt = status == ClayRowStatus.OutOfCredits ? null : now;
            row.UpdatedAt = now;
        }

        // Without credits the HTTP API column does not run either.
        if (table is not null && status != ClayRowStatus.OutOfCredits)
        {
            _callbacks.Publish(table, row, now);
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Clay enrichment of row {RowId} failed; the row stays queued")]
    private partial void LogEnrichmentFailed(string rowId, Exception exception);
}
