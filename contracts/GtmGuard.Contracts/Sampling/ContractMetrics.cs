using GtmGuard.Contracts.Findings;
using Prometheus;

namespace GtmGuard.Contracts.Sampling;

/// <summary>
/// Contract-drift metrics, declared once against an injectable registry (tests use a private one). Labels are
/// bounded: the vendor, the snapshot's operation id (or <c>unknown</c>) and the severity — never ids or emails.
/// </summary>
public sealed class ContractMetrics
{
    public const string FindingsName = "gtmguard_contract_drift_findings_total";
    public const string SamplesName = "gtmguard_contract_samples_total";

    private readonly Counter _findings;
    private readonly Counter _samples;

    public ContractMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _findings = factory.CreateCounter(
            FindingsName,
            "Contract drift findings in sampled vendor responses and webhook payloads.",
            new CounterConfiguration { LabelNames = ["vendor", "operation", "severity"] });
        _samples = factory.CreateCounter(
            SamplesName,
            "Vendor responses and webhook payloads validated against the contract snapshots.",
            new CounterConfiguration { LabelNames = ["vendor"] });
    }

    /// <summary>Metrics on prometheus-net's default registry, which <c>/metrics</c> exposes.</summary>
    public static ContractMetrics Default { get; } = new(Metrics.DefaultRegistry);

    public void RecordSample(string vendor) => _samples.WithLabels(vendor).Inc();

    public void RecordFinding(Finding finding) =>
        _findings.WithLabels(finding.Vendor, finding.Operation, Label(finding.Severity)).Inc(finding.Count);

    public double FindingCount(string vendor, string operation, Severity severity) =>
        _findings.WithLabels(vendor, operation, Label(severity)).Value;

    public double SampleCount(string vendor) => _samples.WithLabels(vendor).Value;

    public static string Label(Severity severity) => severity switch
    {
        Severity.Breaking => "breaking",
        Severity.Additive => "additive",
        _ => "info",
    };
}
