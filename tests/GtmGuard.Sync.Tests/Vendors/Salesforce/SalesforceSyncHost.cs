using System.Security.Cryptography;
using GtmGuard.Simulators.Salesforce;
using GtmGuard.Sync.Quotas;
using GtmGuard.Sync.Vendors;
using GtmGuard.Sync.Vendors.Salesforce;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SimulatorOptions = GtmGuard.Simulators.Salesforce.SalesforceOptions;

namespace GtmGuard.Sync.Tests.Vendors.Salesforce;

/// <summary>
/// The Salesforce simulator (login host and instance in one) and the sync core's Salesforce client, signing JWT bearer
/// assertions with a test key whose public half the simulator trusts.
/// </summary>
internal sealed class SalesforceSyncHost : SyncHost<SalesforceSimulator>
{
    public const string Version = "62.0";
    public const string Data = "/services/data/v" + Version;
    public const string TokenPath = "/services/oauth2/token";

    private static readonly Lazy<(string Private, string Public)> Keys = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return (rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
    });

    private SalesforceSyncHost(TestClock clock, SimulatorOptions simulatorOptions, SalesforceSimulator simulator)
        : base(clock, simulator)
    {
        SimulatorOptions = simulatorOptions;
    }

    public static string PrivateKeyPem => Keys.Value.Private;

    public SimulatorOptions SimulatorOptions { get; }

    public SalesforceClient Client => Provider.GetRequiredService<SalesforceClient>();

    public QuotaLimiter Limiter => SyncServiceCollectionExtensions.Limiter(Provider, VendorId.Salesforce);

    public static SalesforceSyncHost Start(
        bool refreshToken = false,
        Action<SimulatorOptions>? simulator = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var clock = new TestClock();
        var unique = Guid.NewGuid().ToString("N");
        var simulatorOptions = new SimulatorOptions
        {
            Port = 0,
            ClientSecret = "sf-secret-" + unique,
            RefreshToken = "5Aep861" + unique,
            JwtPublicKeyPem = Keys.Value.Public,
            BulkProcessingDelay = TimeSpan.FromSeconds(3),
        };
        simulator?.Invoke(simulatorOptions);
        var salesforce = new SalesforceSimulator(simulatorOptions, SimulatorSettings(), clock, NullLoggerFactory.Instance);
        salesforce.Start();
        var host = new SalesforceSyncHost(clock, simulatorOptions, salesforce);
        var configuration = new Dictionary<string, string?>
        {
            ["Sync:Vendors:Salesforce:BaseUrl"] = salesforce.BaseUrl,
            ["Sync:Vendors:Salesforce:Auth"] = refreshToken ? "RefreshToken" : "JwtBearer",
            ["Sync:Vendors:Salesforce:ClientId"] = simulatorOptions.ClientId,
            ["Sync:Vendors:Salesforce:Username"] = simulatorOptions.Username,
            ["Sync:Vendors:Salesforce:Audience"] = "https://login.salesforce.com",
            ["Sync:Vendors:Salesforce:JwtKeyFile"] = host.File(Keys.Value.Private),
            ["Sync:Vendors:Salesforce:ClientSecretFile"] = host.File(simulatorOptions.ClientSecret),
            ["Sync:Vendors:Salesforce:RefreshTokenEnv"] = host.Env("SF_REFRESH", simulatorOptions.RefreshToken),
            ["Sync:Vendors:Salesforce:ApiVersion"] = Version,
            ["Sync:Vendors:Salesforce:BulkPollInitialDelay"] = "00:00:01",
            ["Sync:Vendors:Salesforce:Resilience:JitterSeed"] = "7",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        host.Build(configuration);
        return host;
    }

    /// <summary>Another client of the same org, with its own session from the refresh-token grant.</summary>
    public async Task<HttpClient> OtherClientAsync()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = SimulatorOptions.ClientId,
            ["client_secret"] = SimulatorOptions.ClientSecret,
            ["refresh_token"] = SimulatorOptions.RefreshToken,
        });
        using var response = await Raw.PostAsync(TokenPath, form);
        var token = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        var client = new HttpClient { BaseAddress = Raw.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public static IReadOnlyDictionary<string, object?> Contact(int i, string? lastName = "Last") => new Dictionary<string, object?>
    {
        ["External_Id__c"] = $"ext-{i:D5}",
        ["LastName"] = lastName is null ? null : $"{lastName}{i}",
        ["Email"] = $"c{i:D5}@example.com",
        ["Lead_Score__c"] = 40 + (i % 50),
    };

    public static List<IReadOnlyDictionary<string, object?>> Contacts(int count) =>
        Enumerable.Range(1, count).Select(i => Contact(i)).ToList();
}
