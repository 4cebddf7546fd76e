using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Quotas;

/// <summary>A vendor's quota as data: consumes one call and says which headers to send.</summary>
public interface IQuotaPolicy
{
    QuotaDecision TryConsume(SimRoute route, SimRequest request);

    /// <summary>Current usage per window, for the control API.</summary>
    IReadOnlyList<QuotaUsage> Usage();

    void Reset();
}

/// <summary>The outcome of one quota check: headers to send, and a rejection when a window is exhausted.</summary>
public sealed record QuotaDecision(IReadOnlyList<KeyValuePair<string, string>> Headers, QuotaRejection? Rejection = null)
{
    public static QuotaDecision Unmetered { get; } = new([]);
}

/// <summary>Which policy refused the call, and when it will accept calls again.</summary>
public sealed record QuotaRejection(string PolicyName, string Message, TimeSpan RetryAfter)
{
    /// <summary>A rejection chaos injects; dialects answer it with their usual short-window policy.</summary>
    public static QuotaRejection Injected { get; } = new("injected", string.Empty, TimeSpan.FromSeconds(1));

    public bool IsInjected => ReferenceEquals(this, Injected);
}

/// <summary>Usage of one quota window.</summary>
public sealed record QuotaUsage(string Window, long Limit, long Used, long Remaining, double WindowSeconds);
