namespace GtmGuard.LoadTests.Scenarios;

/// <summary>Every scenario by name, in the order <c>--scenario all</c> runs them.</summary>
public static class ScenarioCatalog
{
    private static readonly (string Name, Func<LoadScenario> Create)[] Scenarios =
    [
        ("hubspot-batch", () => new HubSpotBatchScenario()),
        ("enrichment", () => new EnrichmentScenario()),
        ("hubspot-naive", () => new NaiveHubSpotScenario()),
        ("salesforce-collections", () => new SalesforceScenario(bulk: false)),
        ("salesforce-bulk", () => new SalesforceScenario(bulk: true)),
        ("webhook-burst", () => new WebhookBurstScenario()),
        ("gtm-day", () => new GtmDayScenario()),
    ];

    public static IReadOnlyList<string> Names => Scenarios.Select(s => s.Name).ToList();

    /// <summary>The scenario called <paramref name="name"/>, or null.</summary>
    public static LoadScenario? Create(string name) =>
        Scenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).Create?.Invoke();
}
