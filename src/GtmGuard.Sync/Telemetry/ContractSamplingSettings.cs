using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Sync.Telemetry;

/// <summary>Live contract sampling (section <c>Sync:Contracts</c>): a share of vendor responses validated against the snapshots.</summary>
public sealed class ContractSamplingSettings
{
    public const string Section = "Sync:Contracts";

    /// <summary>Folder of OpenAPI snapshots (<c>contracts/</c> in the repository).</summary>
    [Required]
    public string SnapshotsDirectory { get; set; } = "contracts";

    /// <summary>0 (none) to 1 (every response).</summary>
    [Range(0.0, 1.0)]
    public double SampleRate { get; set; } = 0.05;

    [Range(1, int.MaxValue)]
    public int MaxBodyBytes { get; set; } = 1 << 20;
}
