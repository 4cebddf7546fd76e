namespace GtmGuard.Simulators.Webhooks;

/// <summary>The most recent delivery attempts, oldest dropped first.</summary>
public sealed class WebhookDeliveryLog
{
    private readonly Queue<WebhookDeliveryAttempt> _attempts = new();
    private readonly int _capacity;
    private readonly Lock _gate = new();

    public WebhookDeliveryLog(int capacity) => _capacity = capacity;

    public void Add(WebhookDeliveryAttempt attempt)
    {
        lock (_gate)
        {
            _attempts.Enqueue(attempt);
            while (_attempts.Count > _capacity)
            {
                _attempts.Dequeue();
            }
        }
    }

    public IReadOnlyList<WebhookDeliveryAttempt> Snapshot()
    {
        lock (_gate)
        {
            return _attempts.ToArray();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _attempts.Clear();
        }
    }
}
