using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Cli.Up;

/// <summary>The demo lead stream of <c>gtmguard up</c> (section <c>Up:Leads</c>).</summary>
internal sealed class LeadGeneratorOptions
{
    public const string Section = "Up:Leads";

    public bool Enabled { get; set; } = true;

    /// <summary>Leads submitted to Clay per batch.</summary>
    [Range(1, 100)]
    public int BatchSize { get; set; } = 5;

    /// <summary>Time between batches.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time between opt-out replies of prospects in a sequence (the opt-out workflow's input).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan OptOutInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Seeds Bogus and the opt-out picks, so every run generates the same people in the same order.</summary>
    public int Seed { get; set; } = 4242;
}
