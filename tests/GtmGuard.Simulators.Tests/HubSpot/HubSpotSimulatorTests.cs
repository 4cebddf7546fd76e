namespace GtmGuard.Simulators.Tests.HubSpot;

/// <summary>Tests that each run against a fresh HubSpot simulator (xUnit builds one instance per test).</summary>
public abstract class HubSpotSimulatorTests : IAsyncLifetime
{
    private HubSpotTestHost? _host;

    /// <summary>The simulator of the running test.</summary>
    public HubSpotTestHost Host => _host ?? throw new InvalidOperationException("The simulator starts in InitializeAsync.");

    /// <summary>Authenticated with the private-app token.</summary>
    public HttpClient Http => Host.Http;

    public Task InitializeAsync()
    {
        _host = HubSpotTestHost.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
