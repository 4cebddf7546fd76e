namespace GtmGuard.LoadTests.Cli;

/// <summary>What <c>gtmguard load</c> exits with, for CI.</summary>
public static class LoadExitCodes
{
    /// <summary>Every threshold held (or none was given).</summary>
    public const int Passed = 0;

    /// <summary>At least one threshold was breached.</summary>
    public const int ThresholdBreached = 1;

    /// <summary>The system under test could not be started (a setting or a port).</summary>
    public const int CannotStart = 2;

    /// <summary>The command line is wrong: a malformed threshold, an unknown scenario, an inconsistent load model.</summary>
    public const int BadArguments = 3;
}
