namespace GtmGuard.Sync.Vendors;

/// <summary>
/// Collects the vendor exchanges made by the code running inside <see cref="Begin"/> (the async flow, token refreshes
/// included), so a write that fails for good can be dead-lettered with exactly what was sent and answered. Outside a
/// scope nothing is recorded.
/// </summary>
public sealed class HttpExchangeLog : IDisposable
{
    private static readonly AsyncLocal<HttpExchangeLog?> Scope = new();

    private readonly HttpExchangeLog? _outer;
    private readonly List<HttpExchange> _exchanges = [];
    private readonly Lock _gate = new();

    private HttpExchangeLog(HttpExchangeLog? outer) => _outer = outer;

    /// <summary>The log of the current async flow, or null.</summary>
    public static HttpExchangeLog? Current => Scope.Value;

    /// <summary>Exchanges recorded so far (a mark for <see cref="LastFailureSince"/>).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _exchanges.Count;
            }
        }
    }

    /// <summary>Starts recording for the current async flow until disposed.</summary>
    public static HttpExchangeLog Begin()
    {
        var log = new HttpExchangeLog(Scope.Value);
        Scope.Value = log;
        return log;
    }

    internal void Add(HttpExchange exchange)
    {
        lock (_gate)
        {
            _exchanges.Add(exchange);
        }
    }

    /// <summary>The last exchange that did not succeed, else the last one, among those from <paramref name="mark"/> on; null if none.</summary>
    public HttpExchange? LastFailureSince(int mark)
    {
        lock (_gate)
        {
            var recent = _exchanges.Skip(mark).ToList();
            return recent.LastOrDefault(e => !e.Succeeded) ?? recent.LastOrDefault();
        }
    }

    public void Dispose() => Scope.Value = _outer;
}
