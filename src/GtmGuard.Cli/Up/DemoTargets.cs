namespace GtmGuard.Cli.Up;

/// <summary>Where the demo generators of <c>gtmguard up</c> play the other side: the running simulators.</summary>
internal sealed record DemoTargets(string? OutreachBaseUrl);
