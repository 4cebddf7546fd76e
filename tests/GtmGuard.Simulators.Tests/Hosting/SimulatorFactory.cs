using GtmGuard.Simulators.Hosting;
using GtmGuard.Simulators.HubSpot;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GtmGuard.Simulators.Tests.Hosting;

/// <summary>Starts real simulators in-process on free loopback ports, on a fake clock.</summary>
internal static class SimulatorFactory
{
    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public static SimulatorSettings Settings() => new() { MappingsFolder = null, RequestJournalSize = 100 };

    public static HubSpotSimulator HubSpot(TimeProvider clock, Action<HubSpotOptions>? configure = null)
    {
        var options = new HubSpotOptions { Port = 0 };
        configure?.Invoke(options);
        var simulator = new HubSpotSimulator(options, Settings(), clock, NullLoggerFactory.Instance);
        simulator.Start();
        return simulator;
    }

    public static HttpClient Client(VendorSimulator simulator, string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(simulator.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }
}
