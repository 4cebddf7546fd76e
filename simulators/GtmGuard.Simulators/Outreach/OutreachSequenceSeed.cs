using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Simulators.Outreach;

/// <summary>A sequence the simulator starts with.</summary>
public sealed class OutreachSequenceSeed
{
    [Range(1, long.MaxValue)]
    public long Id { get; set; }

    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>Steps a prospect goes through before the sequence state finishes on its own.</summary>
    [Range(1, 100)]
    public int StepCount { get; set; } = 3;
}
