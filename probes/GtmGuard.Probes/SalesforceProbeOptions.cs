using System.ComponentModel.DataAnnotations;

namespace GtmGuard.Probes;

/// <summary>Salesforce probes: canary and sandbox are external-id values of <see cref="SObject"/>.</summary>
public sealed class SalesforceProbeOptions : IntegrationProbeOptions
{
    public SalesforceProbeOptions()
    {
        Canary = "gtmguard-canary";
        Sandbox = "gtmguard-probe-sandbox";
    }

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9_]*$", ErrorMessage = "Probes:Salesforce:SObject must be an sObject API name.")]
    public string SObject { get; set; } = "Contact";

    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9_]*$", ErrorMessage = "Probes:Salesforce:ExternalIdField must be a field API name.")]
    public string ExternalIdField { get; set; } = "External_Id__c";
}
