using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Simulators.Hosting;

/// <summary>Settings every vendor simulator shares (section <c>Simulators:Settings</c>).</summary>
public sealed class SimulatorSettings
{
    /// <summary>Loopback only: the simulators are never reachable from another host.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Requests with larger bodies get the vendor's 413.</summary>
    [Range(1024, 1L << 32)]
    public long MaxRequestBodyBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>How many requests WireMock's journal keeps (<c>GET /__admin/requests</c>).</summary>
    [Range(0, 1_000_000)]
    public int RequestJournalSize { get; set; } = 1000;

    /// <summary>Folder with user mappings, one sub-folder per vendor (<c>hubspot/</c>, <c>salesforce/</c>…).</summary>
    public string? MappingsFolder { get; set; } = "simulators/mappings";

    /// <summary>False turns every vendor quota off (no limits, no rate-limit headers), e.g. for raw throughput benchmarks.</summary>
    public bool EnforceQuotas { get; set; } = true;

    /// <summary>Optional YAML scenario applied at start.</summary>
    public string? ScenarioPath { get; set; }

    /// <summary>Replaces the scenario file's seed, to replay a scenario with another fault sequence.</summary>
    public int? ScenarioSeed { get; set; }

    /// <summary>Outbound webhook delivery: retry time compression, concurrency, delivery log, allowed targets.</summary>
    public Webhooks.WebhookSettings Webhooks { get; set; } = new();

    /// <summary>Where generated files (the Salesforce JWT key pair) are written.</summary>
    public string StateDirectory { get; set; } = ".gtmguard";
}
