using GtmGuard.Contracts.Findings;
using GtmGuard.Contracts.Sampling;
using GtmGuard.Contracts.Tests.Validation;
using GtmGuard.Contracts.Validation;
using Prometheus;

namespace GtmGuard.Contracts.Tests.Sampling;

public sealed class ContractSamplerTests
{
    private static async Task<(ContractSampler Sampler, ContractMetrics Metrics, CollectorRegistry Registry)> CreateAsync(double rate)
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ContractMetrics(registry);
        var sampler = new ContractSampler(new ContractChecker(await TestSnapshot.LoadAsync()), new ContractSamplerOptions { SampleRate = rate }, metrics);
        return (sampler, metrics, registry);
    }

    [Fact]
    public async Task ADriftedResponse_IncrementsTheFindingsCounter_WithBoundedLabels()
    {
        var (sampler, metrics, registry) = await CreateAsync(1);

        var findings = sampler.SampleResponse("acme", "GET", "/things/123456", 200, TestSnapshot.With("count", "\"many\""));
        using var scrape = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(scrape);
        var text = System.Text.Encoding.UTF8.GetString(scrape.ToArray());

        Assert.Equal(FindingKind.TypeChanged, Assert.Single(findings!).Kind);
        Assert.Equal(1, metrics.FindingCount("acme", "things.read", Severity.Breaking));
        Assert.Equal(1, metrics.SampleCount("acme"));
        Assert.Contains("gtmguard_contract_drift_findings_total{vendor=\"acme\",operation=\"things.read\",severity=\"breaking\"} 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("123456", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOperations_AreCountedUnderUnknown_NotTheirPath()
    {
        var (sampler, metrics, _) = await CreateAsync(1);

        sampler.SampleResponse("acme", "GET", "/users/ada@example.com", 200, "{}");

        Assert.Equal(1, metrics.FindingCount("acme", "unknown", Severity.Info));
    }

    [Fact]
    public async Task TheSampleRate_ValidatesThatFractionOfOffers_FromManyThreads()
    {
        var (sampler, metrics, _) = await CreateAsync(0.1);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 125; i++)
            {
                sampler.SampleWebhook("acme", """[{"type":"thing.changed","value":"1"}]""");
            }
        })));

        Assert.Equal(100, metrics.SampleCount("acme"));
    }

    [Fact]
    public async Task RateZero_SamplesNothing()
    {
        var (sampler, metrics, _) = await CreateAsync(0);

        Assert.Null(sampler.SampleResponse("acme", "GET", "/things/1", 200, "not json"));
        Assert.Equal(0, metrics.SampleCount("acme"));
    }

    [Fact]
    public void AnOutOfRangeRate_IsRefusedAtStart()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContractSamplerOptions { SampleRate = 1.5 }.Validate());
    }
}
