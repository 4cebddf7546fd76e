using System.ComponentModel.DataAnnotations;
using GtmGuard.Simulators.Clay;
using GtmGuard.Simulators.HubSpot;
using GtmGuard.Simulators.Outreach;
using GtmGuard.Simulators.Salesforce;

namespace GtmGuard.Simulators.Hosting;

/// <summary>Configuration section <c>Simulators</c>: shared settings plus one section per vendor.</summary>
public sealed class SimulatorsOptions
{
    public const string Section = "Simulators";

    [Required]
    public SimulatorSettings Settings { get; set; } = new();

    [Required]
    public HubSpotOptions HubSpot { get; set; } = new();

    [Required]
    public SalesforceOptions Salesforce { get; set; } = new();

    [Required]
    public OutreachOptions Outreach { get; set; } = new();

    [Required]
    public ClayOptions Clay { get; set; } = new();
}
