namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// The org's data: one store per sObject behind a single gate, so an all-or-none request spanning several
/// types commits or rolls back as one.
/// </summary>
internal sealed class SalesforceDatabase
{
    private readonly Dictionary<string, SalesforceObjectStore> _stores;

    public SalesforceDatabase(SalesforceSchema schema, SalesforceValidationRules rules, SalesforceOptions options, TimeProvider clock)
    {
        Schema = schema;
        Rules = rules;
        UserId = SalesforceIds.TryNormalize(options.UserId, out var userId) ? userId : options.UserId;
        Clock = clock;
        _stores = schema.Types.ToDictionary(t => t.Name, t => new SalesforceObjectStore(t), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Held for the whole of every read or write.</summary>
    public Lock Gate { get; } = new();

    public SalesforceSchema Schema { get; }

    public SalesforceValidationRules Rules { get; }

    public string UserId { get; }

    public TimeProvider Clock { get; }

    public SalesforceObjectStore Store(SalesforceObjectType type) => _stores[type.Name];

    /// <summary>The record with this 15- or 18-character id in any store, deleted or not.</summary>
    public SalesforceRecord? Find(string id) =>
        SalesforceIds.TryNormalize(id, out var full) && Schema.ForId(full) is { } type ? Store(type).Find(full) : null;

    public void Clear()
    {
        foreach (var store in _stores.Values)
        {
            store.Clear();
        }
    }
}
