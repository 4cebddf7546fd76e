namespace GtmGuard.LoadTests.Reconciliation;

/// <summary>
/// Compares what a vendor holds with what the run sent, by record sequence number: a record expected but absent is lost,
/// one present more than once is duplicated, one present with a value other than the last one sent is stale. One byte
/// per expected record; the vendor's records are streamed.
/// </summary>
public sealed class Reconciler
{
    private readonly string _target;
    private readonly long _count;
    private readonly Func<long, bool> _expected;
    private readonly Func<long, string?> _expectedValue;
    private readonly byte[] _seen;
    private readonly List<string> _examples = [];
    private long _stale;
    private long _found;

    /// <param name="target">What is reconciled, e.g. <c>HubSpot contacts</c>.</param>
    /// <param name="count">Sequence numbers run from 0 to <paramref name="count"/> − 1.</param>
    /// <param name="expected">Whether a sequence number was sent (and so must be there).</param>
    /// <param name="expectedValue">The value the record must end with (null: any).</param>
    public Reconciler(string target, long count, Func<long, bool> expected, Func<long, string?> expectedValue)
    {
        _target = target;
        _count = count;
        _expected = expected;
        _expectedValue = expectedValue;
        _seen = new byte[count];
    }

    /// <summary>One record the vendor holds: its sequence number (null when it is not the run's) and its value.</summary>
    public void Observe(long? sequence, string? value)
    {
        if (sequence is not { } s || s < 0 || s >= _count)
        {
            return;
        }

        _found++;
        if (_seen[s] < byte.MaxValue)
        {
            _seen[s]++;
        }

        if (_expectedValue(s) is { } want && !string.Equals(want, value, StringComparison.Ordinal))
        {
            _stale++;
            Example($"stale #{s}: '{value}' instead of '{want}'");
        }
    }

    public ReconciliationResult Result()
    {
        long expected = 0, lost = 0, duplicated = 0;
        for (long s = 0; s < _count; s++)
        {
            if (!_expected(s))
            {
                continue;
            }

            expected++;
            if (_seen[s] == 0)
            {
                lost++;
                Example($"lost #{s}");
            }
            else if (_seen[s] > 1)
            {
                duplicated += _seen[s] - 1;
                Example($"duplicated #{s} ×{_seen[s]}");
            }
        }

        return new ReconciliationResult(_target, expected, _found, lost, duplicated, _stale, _examples.ToList());
    }

    private void Example(string text)
    {
        if (_examples.Count < 5)
        {
            _examples.Add($"{_target}: {text}");
        }
    }
}
