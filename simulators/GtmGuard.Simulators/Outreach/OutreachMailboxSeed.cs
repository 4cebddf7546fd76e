using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Simulators.Outreach;

/// <summary>A mailbox the simulator starts with; it belongs to the configured user.</summary>
public sealed class OutreachMailboxSeed
{
    [Range(1, long.MaxValue)]
    public long Id { get; set; }

    [Required]
    public string Email { get; set; } = string.Empty;
}
