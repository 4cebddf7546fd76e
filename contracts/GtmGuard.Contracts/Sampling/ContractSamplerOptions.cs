namespace GtmGuard.Contracts.Sampling;

/// <summary>How much live traffic the sync core validates against the snapshots.</summary>
public sealed class ContractSamplerOptions
{
    /// <summary>Fraction of responses and webhook payloads validated, 0 (none) to 1 (all). Default 0.05.</summary>
    public double SampleRate { get; set; } = 0.05;

    /// <summary>Bodies larger than this are not sampled (validation cost grows with size). Default 1 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 1 << 20;

    /// <summary>Throws when a setting is out of range; call at start-up.</summary>
    public void Validate()
    {
        if (double.IsNaN(SampleRate) || SampleRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "Contracts:Sampling:SampleRate must be between 0 and 1.");
        }

        if (MaxBodyBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBodyBytes), MaxBodyBytes, "Contracts:Sampling:MaxBodyBytes must be positive.");
        }
    }
}
