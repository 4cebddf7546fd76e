namespace GtmGuard.Sync.Webhooks;

/// <summary>
/// What handlers fetched for one claimed batch (<see cref="IInboxEventHandler.PrepareBatchAsync"/>), for its events to
/// use; it lives as long as the batch, so nothing outlives the events it was fetched for.
/// </summary>
public sealed class InboxBatchItems
{
    private readonly Dictionary<string, object> _items = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/> (name it after the workflow, e.g. <c>qualified:contacts</c>).</summary>
    public void Set<T>(string key, T value)
        where T : class
    {
        lock (_lock)
        {
            _items[key] = value;
        }
    }

    /// <summary>The value kept under <paramref name="key"/>, if there is one of type <typeparamref name="T"/>.</summary>
    public T? Get<T>(string key)
        where T : class
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(key) as T;
        }
    }
}
