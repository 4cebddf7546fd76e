using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Clay;

/// <summary>What the simulated enrichment waterfall found for one person.</summary>
internal sealed record ClayEnrichment(
    string FullName,
    string CompanyName,
    string CompanyDomain,
    string Industry,
    int EmployeeCount,
    string Title,
    string Seniority,
    string LinkedInUrl,
    int LeadScore)
{
    public JsonObject ToJson() => new()
    {
        ["full_name"] = FullName,
        ["company_name"] = CompanyName,
        ["company_domain"] = CompanyDomain,
        ["industry"] = Industry,
        ["employee_count"] = EmployeeCount,
        ["title"] = Title,
        ["seniority"] = Seniority,
        ["linkedin_url"] = LinkedInUrl,
        ["lead_score"] = LeadScore,
    };
}
