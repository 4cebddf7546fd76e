namespace GtmGuard.Probes.Checks;

/// <summary>The <c>check</c> label: what a probe verifies about an integration.</summary>
public static class ProbeCheck
{
    /// <summary>A credential can be had (and refreshed, when it is refreshable).</summary>
    public const string Token = "token";

    /// <summary>The canary record can be looked up.</summary>
    public const string Read = "read";

    /// <summary>A stamp written to the sandbox record reads back (opt-in).</summary>
    public const string Write = "write";

    public static IReadOnlyList<string> All { get; } = [Token, Read, Write];
}
