using System.Collections.Concurrent;
using GtmGuard.Sync.Vendors;

namespace GtmGuard.Probes.Checks;

/// <summary>The latest result of every check, and whether each integration can be probed at all: what the dashboard shows.</summary>
internal sealed class ProbeResults
{
    private readonly ConcurrentDictionary<(VendorId Integration, string Check), CheckResult> _latest = new();
    private readonly ConcurrentDictionary<VendorId, string> _unavailable = new();
    private int _rounds;

    /// <summary>Probe rounds completed since start.</summary>
    public int Rounds => Volatile.Read(ref _rounds);

    public void Record(VendorId integration, CheckResult result)
    {
        _latest[(integration, result.Check)] = result;
        _unavailable.TryRemove(integration, out _);
    }

    /// <summary>The integration cannot be probed (e.g. its vendor is not configured); the reason shows on the dashboard.</summary>
    public void MarkUnavailable(VendorId integration, string reason) => _unavailable[integration] = reason;

    public string? Unavailable(VendorId integration) => _unavailable.GetValueOrDefault(integration);

    public IReadOnlyList<CheckResult> Latest(VendorId integration) =>
        ProbeCheck.All.Select(check => _latest.GetValueOrDefault((integration, check))).OfType<CheckResult>().ToList();

    public void CompleteRound() => Interlocked.Increment(ref _rounds);
}
