namespace GtmGuard.Simulators.Clay;

/// <summary>A table's HTTP API column: where enriched rows go, its request limit and its headers.</summary>
internal sealed record ClayCallbackTarget(Uri Url, int Requests, TimeSpan Per, IReadOnlyDictionary<string, string> Headers, string SubscriptionId);
