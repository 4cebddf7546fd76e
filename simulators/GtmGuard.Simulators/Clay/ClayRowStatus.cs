namespace GtmGuard.Simulators.Clay;

/// <summary>Where a row's enrichment stands, as the control API and callbacks show it.</summary>
internal static class ClayRowStatus
{
    public const string Queued = "queued";
    public const string Enriched = "enriched";
    public const string NoMatch = "no_match";
    public const string OutOfCredits = "out_of_credits";
}
