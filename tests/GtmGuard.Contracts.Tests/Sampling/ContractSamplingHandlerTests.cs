using System.Net.Http.Json;
using GtmGuard.Contracts.Findings;
using GtmGuard.Contracts.Sampling;
using GtmGuard.Contracts.Tests.Conformance;
using GtmGuard.Contracts.Validation;
using GtmGuard.Simulators.HubSpot;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace GtmGuard.Contracts.Tests.Sampling;

public sealed class ContractSamplingHandlerTests
{
    [Fact]
    public async Task SampledResponses_AreValidated_AndStayReadableByTheCaller()
    {
        var options = new HubSpotOptions { Port = 0 };
        await using var simulator = new HubSpotSimulator(options, ConformanceHarness.Settings(), ConformanceHarness.NewClock(), NullLoggerFactory.Instance);
        simulator.Start();
        var metrics = new ContractMetrics(Metrics.NewCustomRegistry());
        var sampler = new ContractSampler(new ContractChecker(await ConformanceHarness.Snapshots), new ContractSamplerOptions { SampleRate = 0.5 }, metrics);
        using var http = new HttpClient(new ContractSamplingHandler(sampler, "hubspot") { InnerHandler = new HttpClientHandler() }) { BaseAddress = new Uri(simulator.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.PrivateAppToken);

        var bodies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.PostAsJsonAsync("/crm/v3/objects/contacts", new { properties = new { email = $"s{i}@example.com" } });
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.All(bodies, b => Assert.Contains("\"id\"", b, StringComparison.Ordinal));
        Assert.Equal(2, metrics.SampleCount("hubspot"));
        Assert.Equal(0, metrics.FindingCount("hubspot", "contacts.create", Severity.Breaking));
    }
}
