using System.Collections.Concurrent;
using GtmGuard.Sync.Vendors;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Sync.Quotas;

/// <summary>
/// The one client-side limiter of a vendor account, shared by every workflow and typed client using the account.
/// Callers queue first-in first-out per lane and wait on the injected clock; the vendor's usage headers lower
/// what the windows allow, so the engine slows down before the vendor answers 429 or 403.
/// </summary>
internal sealed partial class QuotaLimiter
{
    private readonly QuotaPolicy _policy;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly QuotaWindow[] _windows;
    private readonly ConcurrentDictionary<string, QuotaWindow[]> _laneWindows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _lines = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private int _waiting;

    public QuotaLimiter(VendorId vendor, string account, QuotaPolicy policy, TimeProvider clock, ILogger logger)
    {
        Vendor = vendor;
        Account = account;
        _policy = policy;
        _clock = clock;
        _logger = logger;
        _windows = policy.Windows.Select(spec => new QuotaWindow(spec)).ToArray();
    }

    public VendorId Vendor { get; }

    public string Account { get; }

    /// <summary>Callers waiting for a permit right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public QuotaPolicy Policy => _policy;

    /// <summary>
    /// Waits for a permit in every window of the lane. A refused lease (when the wait would exceed the policy's
    /// maximum) says how long the limiter expects to need.
    /// </summary>
    public async ValueTask<QuotaLease> AcquireAsync(string lane, CancellationToken cancellationToken)
    {
        var windows = _laneWindows.GetOrAdd(lane, l => _windows.Where(w => w.Spec.Lane == l).ToArray());
        if (windows.Length == 0)
        {
            return QuotaLease.Unmetered;
        }

        var line = _lines.GetOrAdd(lane, static _ => new SemaphoreSlim(1, 1));
        Interlocked.Increment(ref _waiting);
        try
        {
            await line.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await WaitForPermitAsync(windows, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                line.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>Feeds the vendor's report back; returns true when it lowered what a window allows.</summary>
    public bool Observe(IEnumerable<QuotaObservation> observations)
    {
        var adapted = false;
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            foreach (var observation in observations)
            {
                if (Array.Find(_windows, w => w.Name == observation.Window) is not { } window)
                {
                    continue;
                }

                var added = window.Observe(observation, now);
                if (added > 0)
                {
                    adapted = true;
                    LogAdapted(Vendor.Label(), Account, window.Name, observation.Remaining, added);
                }
            }

            Signal();
        }

        return adapted;
    }

    public IReadOnlyList<QuotaWindowState> Snapshot()
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            return _windows.Select(w => new QuotaWindowState(w.Name, w.Limit, w.Remaining(now))).ToArray();
        }
    }

    internal void Complete(QuotaWindow[] windows)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            foreach (var window in windows)
            {
                window.Complete(now);
            }

            Signal();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task<QuotaLease> WaitForPermitAsync(QuotaWindow[] windows, CancellationToken cancellationToken)
    {
        var deadline = _clock.GetUtcNow() + _policy.MaxWait;
        while (true)
        {
            var now = _clock.GetUtcNow();
            TimeSpan? wait;
            Task changed;
            lock (_gate)
            {
                wait = Wait(windows, now);
                if (wait == TimeSpan.Zero)
                {
                    foreach (var window in windows)
                    {
                        window.Acquire(now);
                    }

                    return QuotaLease.Granted(this, windows);
                }

                changed = _changed.Task;
            }

            var left = deadline - now;
            if (wait > left || left <= TimeSpan.Zero)
            {
                LogRefused(Vendor.Label(), Account, wait ?? _policy.MaxWait);
                return QuotaLease.Refused(wait ?? _policy.MaxWait);
            }

            LogWaiting(Vendor.Label(), Account, wait ?? left);
            await WhenChangedOrElapsedAsync(wait ?? left, changed, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Zero when every window grants now; otherwise the longest known wait, or null when only a completion can help.</summary>
    private TimeSpan? Wait(QuotaWindow[] windows, DateTimeOffset now)
    {
        TimeSpan? longest = TimeSpan.Zero;
        var unknown = false;
        foreach (var window in windows)
        {
            switch (window.Wait(now, _policy.SlowDownBelow))
            {
                case null:
                    unknown = true;
                    break;
                case var wait when wait > longest:
                    longest = wait;
                    break;
            }
        }

        return longest == TimeSpan.Zero && unknown ? null : longest;
    }

    private async Task WhenChangedOrElapsedAsync(TimeSpan delay, Task changed, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var elapsed = Task.Delay(delay, _clock, stop.Token);
        await Task.WhenAny(elapsed, changed).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Quota {Vendor}/{Account}: waiting up to {Wait} for a permit")]
    private partial void LogWaiting(string vendor, string account, TimeSpan wait);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Quota {Vendor}/{Account}: no permit within the maximum wait; the vendor window frees in {Wait}")]
    private partial void LogRefused(string vendor, string account, TimeSpan wait);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Quota {Vendor}/{Account}: window {Window} adapted to the vendor's report of {Remaining} left ({Added} calls by other clients)")]
    private partial void LogAdapted(string vendor, string account, string window, long remaining, long added);
}
