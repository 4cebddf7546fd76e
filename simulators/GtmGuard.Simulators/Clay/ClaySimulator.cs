using GtmGuard.Simulators.Hosting;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Simulators.Clay;

/// <summary>
/// Clay: tables fed by webhook sources, seeded fake enrichment after a delay, a credit budget, HTTP API callbacks
/// to a table's endpoint, and the Public API v0 (<c>/me</c>, <c>/tables/query</c>).
/// </summary>
public sealed class ClaySimulator : VendorSimulator
{
    private readonly ClayOptions _options;
    private readonly ClayDialect _dialect;
    private readonly IReadOnlyList<SimRoute> _routes;

    public ClaySimulator(ClayOptions options, SimulatorSettings settings, TimeProvider clock, ILoggerFactory loggers)
        : base("clay", settings, clock, loggers)
    {
        ClayOptionsValidator.ThrowIfInvalid(options);
        _options = options;
        Tables = new ClayTables(options.EffectiveTables, clock);
        Credits = new ClayCredits(options.CreditBudget, options.CreditsPerEnrichment);
        Callbacks = new ClayCallbacks(UseWebhooks(new ClayCallbackProtocol(options, id => Callbacks?.HeadersFor(id))), Tables);
        Enrichment = new ClayEnrichmentQueue(Tables, new ClayEnricher(options.Seed, options.NoMatchRate), Credits, Callbacks, clock, options.EnrichmentDelay, Logger);
        _dialect = new ClayDialect(options, Tables, new ClayQuota(options, clock));
        _routes =
        [
            .. new ClayWebhookEndpoints(Tables, Enrichment, options.SubmissionCapPerSource).Routes(),
            .. new ClayPublicApiEndpoints(options, Credits, Tables).Routes(),
        ];
        foreach (var table in options.EffectiveTables.Where(t => t.CallbackUrl is not null))
        {
            Callbacks.Set(Tables.Find(table.Id)!, new Uri(table.CallbackUrl!), table.CallbackRequests, table.CallbackPer, table.CallbackHeaders);
        }
    }

    public override IVendorDialect Dialect => _dialect;

    public override IReadOnlyList<SimRoute> Routes => _routes;

    public override IReadOnlyDictionary<string, string> Credentials
    {
        get
        {
            var credentials = new Dictionary<string, string> { ["apiKey"] = _options.ApiKey, ["publicApiUrl"] = BaseUrl + ClayPublicApiEndpoints.Prefix };
            foreach (var table in Tables.All)
            {
                credentials[$"webhookUrl:{table.Id}"] = WebhookUrl(table);
                if (table.WebhookAuthToken is { } token)
                {
                    credentials[$"webhookAuthToken:{table.Id}"] = token;
                }
            }

            return credentials;
        }
    }

    internal ClayTables Tables { get; }

    internal ClayCredits Credits { get; }

    internal ClayCallbacks Callbacks { get; }

    internal ClayEnrichmentQueue Enrichment { get; }

    protected override int Port => _options.Port;

    public override IReadOnlyDictionary<string, int> StateSummary()
    {
        lock (Tables.Gate)
        {
            return new Dictionary<string, int> { ["tables"] = Tables.All.Count, ["rows"] = Tables.RowCount };
        }
    }

    /// <summary><c>tables</c>, <c>rows</c> (every table), or one table's rows by id or name.</summary>
    public override object? StateDump(string objectType) => StateDump(objectType, 0, int.MaxValue);

    /// <summary>Skips to the page before rendering, so each page of a large table costs only its own rows' JSON.</summary>
    public override object? StateDump(string objectType, int offset, int limit)
    {
        if (objectType == "tables")
        {
            return ((IEnumerable<object>)TablesView()).Skip(offset).Take(limit).ToList();
        }

        lock (Tables.Gate)
        {
            if (objectType == "rows")
            {
                return Tables.All.SelectMany(t => t.Rows).Skip(offset).Take(limit).Select(r => r.ToJson()).ToList();
            }

            return Tables.Find(objectType) is { } table ? RowsView(table, offset, limit) : null;
        }
    }

    public override void ResetState()
    {
        Enrichment.Clear();
        lock (Tables.Gate)
        {
            Tables.Reset();
        }

        Credits.ResetUsage();
    }

    public override async ValueTask DisposeAsync()
    {
        Enrichment.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    internal static object? CallbackView(ClayCallbackTarget? target) => target is null ? null : new
    {
        url = target.Url.ToString(),
        requests = target.Requests,
        perMilliseconds = target.Per.TotalMilliseconds,
        headers = target.Headers.Keys.Order(StringComparer.OrdinalIgnoreCase),
    };

    internal object TablesView()
    {
        lock (Tables.Gate)
        {
            return Tables.All.Select(t => new
            {
                id = t.Id,
                name = t.Name,
                webhookSourceId = t.WebhookSourceId,
                webhookUrl = WebhookUrl(t),
                requiresAuthToken = t.WebhookAuthToken is not null,
                submissions = t.Submissions,
                submissionCap = _options.SubmissionCapPerSource,
                rows = t.Rows.Count,
                callback = CallbackView(t.Callback),
            }).ToList();
        }
    }

    /// <summary>The table's rows (from <paramref name="offset"/>, at most <paramref name="limit"/>) with their status and enrichment; the caller need not hold the lock.</summary>
    internal object RowsView(ClayTable table, int offset = 0, int limit = int.MaxValue)
    {
        lock (Tables.Gate)
        {
            return table.Rows.Skip(offset).Take(limit).Select(r => new
            {
                id = r.Id,
                status = r.Status,
                createdAt = r.CreatedAt,
                updatedAt = r.UpdatedAt,
                enrichedAt = r.EnrichedAt,
                fields = r.Fields.DeepClone(),
                enrichment = r.Enrichment?.ToJson(),
            }).ToList();
        }
    }

    protected override void OnStarted() => ClayControlApi.Map(this);

    private string WebhookUrl(ClayTable table) => BaseUrl + ClayWebhookEndpoints.PathPrefix + table.WebhookSourceId;
}
