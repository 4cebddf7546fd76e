namespace GtmGuard.Simulators.Clay;

/// <summary>The workspace's credit budget; enrichments spend it, webhook submissions are free.</summary>
internal sealed class ClayCredits
{
    private readonly Lock _gate = new();
    private readonly int _perEnrichment;
    private long _budget;
    private long _used;

    public ClayCredits(long budget, int perEnrichment)
    {
        _budget = budget;
        _perEnrichment = perEnrichment;
    }

    public long Budget
    {
        get
        {
            lock (_gate)
            {
                return _budget;
            }
        }
    }

    public long Used
    {
        get
        {
            lock (_gate)
            {
                return _used;
            }
        }
    }

    public long Remaining
    {
        get
        {
            lock (_gate)
            {
                return Math.Max(0, _budget - _used);
            }
        }
    }

    /// <summary>True once the budget cannot pay for another enrichment.</summary>
    public bool Exhausted
    {
        get
        {
            lock (_gate)
            {
                return _perEnrichment > 0 && _budget - _used < _perEnrichment;
            }
        }
    }

    public int PerEnrichment => _perEnrichment;

    /// <summary>Spends one enrichment's credits, or returns false when the budget cannot cover it.</summary>
    public bool TrySpendEnrichment()
    {
        lock (_gate)
        {
            if (_budget - _used < _perEnrichment)
            {
                return false;
            }

            _used += _perEnrichment;
            return true;
        }
    }

    /// <summary>Sets a new budget (e.g. a top-up from the control API); <paramref name="used"/> replaces the spent count when given.</summary>
    public void Set(long budget, long? used = null)
    {
        lock (_gate)
        {
            _budget = budget;
            _used = used ?? _used;
        }
    }

    public void ResetUsage()
    {
        lock (_gate)
        {
            _used = 0;
        }
    }
}
