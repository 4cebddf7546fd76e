namespace GtmGuard.Simulators.Salesforce;

/// <summary>The outcome of saving one record: its id, whether an upsert created it, and its errors.</summary>
internal sealed record SalesforceDmlResult(string? Id, bool Created, IReadOnlyList<SalesforceError> Errors)
{
    /// <summary>Ids of the records an upsert matched when it matched more than one (REST answers 300).</summary>
    public IReadOnlyList<string> Matches { get; init; } = [];

    public bool Success => Errors.Count == 0;

    public static SalesforceDmlResult Saved(string id, bool created) => new(id, created, []);

    public static SalesforceDmlResult Failed(string? id, params SalesforceError[] errors) => new(id, false, errors);
}
