using System.Net;
using GtmGuard.Sync.Resilience;
using GtmGuard.Sync.Storage;
using GtmGuard.Sync.Tests.Vendors.Outreach;
using GtmGuard.Sync.Vendors.Outreach;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace GtmGuard.Sync.Tests.Auth;

/// <summary>
/// Outreach invalidates a refresh token when it rotates it: an engine restarted after a rotation must refresh with the
/// newest token, kept in the sync store or a file, not with the configured one.
/// </summary>
public sealed class RotatedRefreshTokenTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gtmguard-rotation-tests", Guid.NewGuid().ToString("N"));
    private OutreachSyncHost _host = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _host = OutreachSyncHost.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private string TokenFile => Path.Combine(_directory, "outreach-refresh.json");

    /// <summary>One run of the engine: Outreach client (and the sync store), started from the same configuration every time.</summary>
    private ServiceProvider Engine(string keeper)
    {
        var simulator = _host.SimulatorOptions;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sync:Store:Directory"] = _directory,
            ["Sync:Vendors:Outreach:BaseUrl"] = _host.Simulator.BaseUrl + OutreachSyncHost.Api,
            ["Sync:Vendors:Outreach:ClientId"] = simulator.ClientId,
            ["Sync:Vendors:Outreach:ClientSecretEnv"] = _host.Env("OR_SECRET", simulator.ClientSecret),
            ["Sync:Vendors:Outreach:RefreshTokenEnv"] = _host.Env("OR_REFRESH", simulator.RefreshToken),
            ["Sync:Vendors:Outreach:RotatedRefreshToken"] = keeper,
            ["Sync:Vendors:Outreach:RotatedRefreshTokenFile"] = TokenFile,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_host.Logs));
        services.AddSingleton<TimeProvider>(_host.Clock);
        services.AddSingleton(Metrics.NewCustomRegistry());
        services.AddGtmGuardSyncStore(configuration);
        services.AddGtmGuardVendorClients(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<VendorOutcome> CallAsync(ServiceProvider engine) =>
        (await engine.GetRequiredService<OutreachClient>().FindProspectByEmailAsync("nobody@analytical.io")).Outcome;

    private async Task<HttpStatusCode> RefreshWithTheConfiguredTokenAsync()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = _host.SimulatorOptions.ClientId,
            ["client_secret"] = _host.SimulatorOptions.ClientSecret,
            ["refresh_token"] = _host.SimulatorOptions.RefreshToken,
        });
        using var response = await _host.Raw.PostAsync(OutreachSyncHost.TokenPath, form);
        return response.StatusCode;
    }

    [Theory]
    [InlineData("Store")]
    [InlineData("File")]
    public async Task AfterARotation_ARestartedEngineRefreshesWithTheNewestToken(string keeper)
    {
        await using (var first = Engine(keeper))
        {
            Assert.Equal(VendorOutcome.NotFound, await CallAsync(first));
        }

        // The simulator rotated the configured token away: it no longer works.
        Assert.Equal(HttpStatusCode.BadRequest, await RefreshWithTheConfiguredTokenAsync());

        await using (var restarted = Engine(keeper))
        {
            Assert.Equal(VendorOutcome.NotFound, await CallAsync(restarted));
        }

        await using (var again = Engine(keeper))
        {
            Assert.Equal(VendorOutcome.NotFound, await CallAsync(again));
        }

        var refreshes = _host.Requests(OutreachSyncHost.TokenPath).Select(e => e.RequestMessage.Body!).ToList();
        Assert.Equal(4, refreshes.Count);
        Assert.Equal(3, refreshes.Where((_, i) => i != 1).Distinct().Count());
        if (keeper == "File")
        {
            Assert.True(File.Exists(TokenFile));
            Assert.DoesNotContain(_host.SimulatorOptions.RefreshToken, await File.ReadAllTextAsync(TokenFile), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(TokenFile));
            }
        }
        else
        {
            await using var engine = Engine(keeper);
            Assert.NotNull(await engine.GetRequiredService<ISyncStore>().GetRotatedTokenAsync("outreach:default:refresh_token", default));
        }
    }

    [Fact]
    public async Task KeptInMemoryOnly_ARestartAfterARotationCannotAuthenticate()
    {
        await using (var first = Engine("Memory"))
        {
            Assert.Equal(VendorOutcome.NotFound, await CallAsync(first));
        }

        await using var restarted = Engine("Memory");
        Assert.Equal(VendorOutcome.Unauthorized, await CallAsync(restarted));
    }
}

/// <summary>A failed first read of the kept refresh token is not remembered: the next refresh reads again.</summary>
public sealed class KeptTokenReadFailureTests
{
    [Fact]
    public async Task AFailedFirstRead_IsRetriedByTheNextRefresh_NotCachedForTheProcess()
    {
        await using var host = OutreachSyncHost.Start();
        var keeper = new FlakyKeeper();
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var endpoint = new GtmGuard.Sync.Auth.OAuthTokenEndpoint(
            services.GetRequiredService<IHttpClientFactory>(), "outreach-token", new Uri(host.Simulator.BaseUrl + OutreachSyncHost.TokenPath), TimeProvider.System);
        var grant = new GtmGuard.Sync.Auth.RefreshTokenGrant(
            endpoint,
            host.SimulatorOptions.ClientId,
            new GtmGuard.Sync.Auth.SecretReference("ClientSecret", host.Env("SECRET", host.SimulatorOptions.ClientSecret), null),
            new GtmGuard.Sync.Auth.SecretReference("RefreshToken", host.Env("REFRESH", host.SimulatorOptions.RefreshToken), null),
            keeper: keeper);

        await Assert.ThrowsAsync<IOException>(() => grant.RequestAsync(default));
        var token = await grant.RequestAsync(default);

        Assert.Equal(2, keeper.Loads);
        Assert.False(string.IsNullOrEmpty(token.Value));
    }

    private sealed class FlakyKeeper : GtmGuard.Sync.Auth.IRotatedTokenKeeper
    {
        public int Loads;

        public string Where => "test";

        public Task<string?> LoadAsync(string origin, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref Loads) == 1 ? Task.FromException<string?>(new IOException("store busy")) : Task.FromResult<string?>(null);

        public Task SaveAsync(string token, string origin, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
