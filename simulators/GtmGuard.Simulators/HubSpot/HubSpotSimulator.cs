using System.Globalization;
using GtmGuard.Simulators.Hosting;
using Microsoft.Extensions.Logging;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>HubSpot: OAuth v1 and private-app tokens, CRM v3 contacts and companies, per-app quota.</summary>
public sealed class HubSpotSimulator : VendorSimulator
{
    /// <summary>The legacy and the date-versioned CRM paths answer identically.</summary>
    private static readonly string[] CrmPrefixes = ["/crm/v3/objects", "/crm/objects/2026-03"];

    private const string PrivateAppSubject = "private-app";

    private readonly HubSpotOptions _options;
    private readonly HubSpotDialect _dialect;
    private readonly IReadOnlyList<SimRoute> _routes;

    public HubSpotSimulator(HubSpotOptions options, SimulatorSettings settings, TimeProvider clock, ILoggerFactory loggers)
        : base("hubspot", settings, clock, loggers)
    {
        _options = options;
        Limits = HubSpotRateLimits.From(options);
        var custom = options.CustomProperties.Union(options.UniqueProperties, StringComparer.Ordinal).ToArray();
        Contacts = new HubSpotObjectStore(HubSpotObjectType.Contacts(custom, options.UniqueProperties), clock, 1_000_000_001);
        Companies = new HubSpotObjectStore(HubSpotObjectType.Companies(custom, options.UniqueProperties), clock, 2_000_000_001);
        _dialect = new HubSpotDialect(Tokens, new HubSpotQuota(Limits, clock, IsPrivateAppCall), clock);
        Tokens.AddStatic(options.PrivateAppToken, PrivateAppSubject);
        Tokens.AddRefreshToken(options.RefreshToken, HubSpotOAuthEndpoints.UserSubject);
        _routes = BuildRoutes();
        var events = new HubSpotWebhookEvents(UseWebhooks(new HubSpotWebhookProtocol()), options);
        events.Watch(Contacts);
        events.Watch(Companies);
    }

    /// <summary>HubSpot signs webhook deliveries with the app's client secret.</summary>
    public override string? DefaultWebhookSecret => _options.ClientSecret;

    public HubSpotObjectStore Contacts { get; }

    public HubSpotObjectStore Companies { get; }

    public HubSpotRateLimits Limits { get; }

    public override IVendorDialect Dialect => _dialect;

    public override IReadOnlyList<SimRoute> Routes => _routes;

    public override IReadOnlyDictionary<string, string> Credentials => new Dictionary<string, string>
    {
        ["clientId"] = _options.ClientId,
        ["clientSecret"] = _options.ClientSecret,
        ["refreshToken"] = _options.RefreshToken,
        ["authorizationCode"] = _options.AuthorizationCode,
        ["redirectUri"] = _options.RedirectUri,
        ["privateAppToken"] = _options.PrivateAppToken,
        ["portalId"] = _options.PortalId.ToString(CultureInfo.InvariantCulture),
        ["tokenUrl"] = BaseUrl + "/oauth/v1/token",
    };

    protected override int Port => _options.Port;

    public override IReadOnlyDictionary<string, int> StateSummary()
    {
        lock (Contacts.Gate)
        {
            lock (Companies.Gate)
            {
                return new Dictionary<string, int> { ["contacts"] = Contacts.Count, ["companies"] = Companies.Count };
            }
        }
    }

    public override object? StateDump(string objectType) => StateDump(objectType, 0, int.MaxValue);

    public override object? StateDump(string objectType, int offset, int limit)
    {
        var store = objectType.ToLowerInvariant() switch
        {
            "contacts" or "contact" => Contacts,
            "companies" or "company" => Companies,
            _ => null,
        };
        if (store is null)
        {
            return null;
        }

        lock (store.Gate)
        {
            return store.Page(offset, limit)
                .Select(r => new { r.Id, properties = new SortedDictionary<string, string>(r.Properties), r.CreatedAt, r.UpdatedAt, r.Archived, r.ArchivedAt })
                .ToList();
        }
    }

    public override void ResetState()
    {
        foreach (var store in new[] { Contacts, Companies })
        {
            lock (store.Gate)
            {
                store.Clear();
            }
        }
    }

    /// <summary>Quota windows are per app: the private app's token, or the public OAuth app's tokens.</summary>
    private bool IsPrivateAppCall(SimRequest request) => Tokens.Check(HubSpotDialect.BearerToken(request)).Subject == PrivateAppSubject;

    private List<SimRoute> BuildRoutes()
    {
        var routes = new List<SimRoute>();
        routes.AddRange(new HubSpotOAuthEndpoints(_options, Tokens, Clock).Routes());
        foreach (var store in new[] { Contacts, Companies })
        {
            var single = new HubSpotObjectEndpoints(store, _options);
            var batch = new HubSpotBatchEndpoints(store, _options, Clock);
            var search = new HubSpotSearch(store);
            foreach (var prefix in CrmPrefixes)
            {
                routes.Add(search.Route(prefix));
                routes.AddRange(batch.Routes(prefix));
                routes.AddRange(single.Routes(prefix));
            }
        }

        return routes;
    }
}
