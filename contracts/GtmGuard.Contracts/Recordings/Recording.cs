using GtmGuard.Contracts.Findings;

namespace GtmGuard.Contracts.Recordings;

/// <summary>What a recording reader produced: the exchanges, and findings for the parts it could not read.</summary>
public sealed record Recording(IReadOnlyList<RecordedExchange> Exchanges, IReadOnlyList<Finding> Problems)
{
    public static Recording Of(IReadOnlyList<RecordedExchange> exchanges) => new(exchanges, []);

    internal static Finding Unreadable(string source, string message) =>
        new(Severity.Info, FindingKind.UnreadableCapture, "unknown", "unknown", "recording", "$", message) { Source = source };
}
