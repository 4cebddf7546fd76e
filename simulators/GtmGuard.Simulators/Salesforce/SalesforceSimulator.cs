using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.Salesforce.Bulk;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// Salesforce: OAuth (refresh, password, client credentials, JWT bearer), REST sObjects with external-id
/// upsert, SOQL query, sObject Collections and Bulk API 2.0 ingest for Contact, Lead and Account, behind
/// the org's rolling 24-hour API allocation.
/// </summary>
public sealed class SalesforceSimulator : VendorSimulator
{
    /// <summary>The state key under which Bulk API 2.0 ingest jobs are counted and dumped.</summary>
    public const string IngestJobsKey = "IngestJob";

    private readonly SalesforceOptions _options;
    private readonly SalesforceDialect _dialect;
    private readonly SalesforceQuota _quota;
    private readonly SalesforceJwtKeys _jwtKeys;
    private readonly SalesforceApiVersions _versions;
    private readonly SalesforceQueryCursors _cursors;
    private readonly IReadOnlyList<SimRoute> _routes;

    public SalesforceSimulator(SalesforceOptions options, SimulatorSettings settings, TimeProvider clock, ILoggerFactory loggers)
        : base("salesforce", settings, clock, loggers)
    {
        _options = options;
        RequireId(options.OrgId, "00D", nameof(options.OrgId));
        RequireId(options.UserId, "005", nameof(options.UserId));
        _versions = new SalesforceApiVersions(options.ApiVersions);
        var schema = new SalesforceSchema(options);
        Rules = new SalesforceValidationRules(options.ValidationRules, schema);
        Database = new SalesforceDatabase(schema, Rules, options, clock);
        _quota = new SalesforceQuota(options.DailyApiRequestLimit, clock);
        _dialect = new SalesforceDialect(Tokens, _quota);
        _jwtKeys = SalesforceJwtKeys.Load(options, settings.StateDirectory);
        _cursors = new SalesforceQueryCursors(clock);
        Jobs = new BulkIngestJobs(new BulkIngestProcessor(Database, new SalesforceDml(Database)), clock, options.BulkProcessingDelay);
        Tokens.AddRefreshToken(options.RefreshToken, options.Username);
        _routes = BuildRoutes();
    }

    public override IVendorDialect Dialect => _dialect;

    public override IReadOnlyList<SimRoute> Routes => _routes;

    public override IReadOnlyDictionary<string, string> Credentials
    {
        get
        {
            var credentials = new Dictionary<string, string>
            {
                ["clientId"] = _options.ClientId,
                ["clientSecret"] = _options.ClientSecret,
                ["refreshToken"] = _options.RefreshToken,
                ["username"] = _options.Username,
                ["password"] = _options.Password + (_options.SecurityToken ?? string.Empty),
                ["loginUrl"] = BaseUrl,
                ["tokenUrl"] = BaseUrl + "/services/oauth2/token",
                ["instanceUrl"] = BaseUrl,
                ["apiVersion"] = _versions.Latest.Text,
                ["orgId"] = _options.OrgId,
                ["userId"] = _options.UserId,
                ["jwtAudience"] = _options.JwtAudiences.FirstOrDefault() ?? string.Empty,
            };
            if (_jwtKeys.PublicKeyPath is { } publicKey)
            {
                credentials["jwtPublicKeyPath"] = publicKey;
            }

            if (_jwtKeys.PrivateKeyPath is { } privateKey)
            {
                credentials["jwtPrivateKeyPath"] = privateKey;
            }

            return credentials;
        }
    }

    internal SalesforceDatabase Database { get; }

    internal SalesforceValidationRules Rules { get; }

    internal BulkIngestJobs Jobs { get; }

    protected override int Port => _options.Port;

    protected override void OnStarted() => SalesforceControlEndpoints.Map(this);

    public override IReadOnlyDictionary<string, int> StateSummary()
    {
        // Bulk processing takes the jobs' lock before the database's; never take them the other way round.
        var jobs = Jobs.Count;
        lock (Database.Gate)
        {
            var summary = Database.Schema.Types.ToDictionary(t => t.Name, t => Database.Store(t).LiveCount);
            summary[IngestJobsKey] = jobs;
            return summary;
        }
    }

    public override object? StateDump(string objectType) => StateDump(objectType, 0, int.MaxValue);

    public override object? StateDump(string objectType, int offset, int limit)
    {
        if (string.Equals(objectType, IngestJobsKey, StringComparison.OrdinalIgnoreCase))
        {
            lock (Jobs.Gate)
            {
                return Jobs.All().Skip(offset).Take(limit).Select(j => j.FullInfo()).ToList();
            }
        }

        if (Database.Schema.Find(objectType) is not { } type)
        {
            return null;
        }

        var version = _versions.Latest;
        lock (Database.Gate)
        {
            return Database.Store(type).All(includeDeleted: true).Skip(offset).Take(limit).Select(r => SalesforceRecordJson.Render(r, version)).ToList();
        }
    }

    public override void ResetState()
    {
        lock (Database.Gate)
        {
            Database.Clear();
        }

        _cursors.Clear();
        Jobs.Clear();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        Jobs.Dispose();
        _jwtKeys.Dispose();
    }

    private static void RequireId(string value, string prefix, string name)
    {
        if (!SalesforceIds.TryNormalize(value, out var id) || !SalesforceIds.HasPrefix(id, prefix))
        {
            throw new ArgumentException($"Salesforce {name} '{value}' must be a 15- or 18-character Salesforce id starting with {prefix}.", name);
        }
    }

    private List<SimRoute> BuildRoutes()
    {
        var dml = new SalesforceDml(Database);
        var describe = new SalesforceDescribeEndpoints(Database.Schema, _quota);
        var routes = new List<SimRoute>();
        routes.AddRange(new SalesforceOAuthEndpoints(_options, Tokens, new SalesforceJwtBearer(_options, _jwtKeys.PublicKey, Clock), Clock).Routes());
        routes.AddRange(describe.Routes(_versions));
        routes.AddRange(new SalesforceSObjectEndpoints(Database, dml).Routes(_versions));
        routes.AddRange(new SalesforceExternalIdEndpoints(Database, dml).Routes(_versions));
        routes.AddRange(new SalesforceQueryEndpoints(Database, _cursors).Routes(_versions));
        routes.AddRange(new SalesforceCollectionEndpoints(Database, dml).Routes(_versions));
        routes.AddRange(new BulkIngestEndpoints(Jobs, Database.Schema, _options.UserId, Clock).Routes(_versions));
        return routes;
    }
}
