using System.Text.Json.Nodes;
using GtmGuard.Simulators.Outreach;
using GtmGuard.Sync.Quotas;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.Outreach;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SimulatorOptions = GtmGuard.Simulators.Outreach.OutreachOptions;

namespace GtmGuard.Sync.Tests.Vendors.Outreach;

/// <summary>The Outreach simulator and the sync core's Outreach client, on the OAuth refresh grant with rotating refresh tokens.</summary>
internal sealed class OutreachSyncHost : SyncHost<OutreachSimulator>
{
    public const string Api = "/api/v2";
    public const string TokenPath = "/oauth/token";

    private OutreachSyncHost(TestClock clock, SimulatorOptions simulatorOptions, OutreachSimulator simulator)
        : base(clock, simulator)
    {
        SimulatorOptions = simulatorOptions;
    }

    public SimulatorOptions SimulatorOptions { get; }

    public OutreachClient Client => Provider.GetRequiredService<OutreachClient>();

    public QuotaLimiter Limiter => SyncServiceCollectionExtensions.Limiter(Provider, VendorId.Outreach);

    public static OutreachSyncHost Start(Action<SimulatorOptions>? simulator = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var clock = new TestClock();
        var unique = Guid.NewGuid().ToString("N");
        var simulatorOptions = new SimulatorOptions { Port = 0, ClientSecret = "or-secret-" + unique, RefreshToken = "or-refresh-" + unique };
        simulator?.Invoke(simulatorOptions);
        var outreach = new OutreachSimulator(simulatorOptions, SimulatorSettings(), clock, NullLoggerFactory.Instance);
        outreach.Start();
        var host = new OutreachSyncHost(clock, simulatorOptions, outreach);
        var configuration = new Dictionary<string, string?>
        {
            ["Sync:Vendors:Outreach:BaseUrl"] = outreach.BaseUrl + Api,
            ["Sync:Vendors:Outreach:ClientId"] = simulatorOptions.ClientId,
            ["Sync:Vendors:Outreach:ClientSecretEnv"] = host.Env("OR_SECRET", simulatorOptions.ClientSecret),
            ["Sync:Vendors:Outreach:RefreshTokenEnv"] = host.Env("OR_REFRESH", simulatorOptions.RefreshToken),
            ["Sync:Vendors:Outreach:Resilience:JitterSeed"] = "7",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        host.Build(configuration);
        return host;
    }

    /// <summary>Another client of the same Outreach user, with tokens from its own authorization code.</summary>
    public async Task<HttpClient> OtherClientAsync()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = SimulatorOptions.ClientId,
            ["client_secret"] = SimulatorOptions.ClientSecret,
            ["redirect_uri"] = SimulatorOptions.RedirectUri,
            ["code"] = SimulatorOptions.AuthorizationCode,
        });
        using var response = await Raw.PostAsync(TokenPath, form);
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        var client = new HttpClient { BaseAddress = Raw.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public static OutreachProspectInput Prospect(string email, string company = "Acme") =>
        new(email, new Dictionary<string, object?> { ["firstName"] = "Grace", ["lastName"] = "Hopper", ["company"] = company });
}
