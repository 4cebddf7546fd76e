namespace GtmGuard.Simulators.Salesforce.Soql;

/// <summary>A query bound to the schema: what to filter, sort, skip, take and show.</summary>
internal sealed class SoqlPlan
{
    public required SalesforceObjectType Type { get; init; }

    public required bool IsCount { get; init; }

    /// <summary>Fields each record shows, in SELECT order.</summary>
    public required IReadOnlyList<SalesforceField> Fields { get; init; }

    public required Func<SalesforceRecord, bool> Filter { get; init; }

    public required IComparer<SalesforceRecord>? Order { get; init; }

    public int? Limit { get; init; }

    public int Offset { get; init; }

    /// <summary>Runs the plan over a type's records (already in creation order).</summary>
    public List<SalesforceRecord> Run(IEnumerable<SalesforceRecord> records)
    {
        var matching = records.Where(Filter);
        if (Order is not null)
        {
            // OrderBy is stable, so ties keep creation order, as Salesforce's Id order does in practice.
            matching = matching.OrderBy(r => r, Order);
        }

        matching = matching.Skip(Offset);
        return (Limit is { } limit ? matching.Take(limit) : matching).ToList();
    }
}
