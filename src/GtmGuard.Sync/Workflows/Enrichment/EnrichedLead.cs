using System.Globalization;
using System.Text.Json.Nodes;

namespace GtmGuard.Sync.Workflows.Enrichment;

/// <summary>
/// A Clay row as a lead for the CRMs: fields the lead was submitted with win, enrichment fills the blanks. The lower-cased
/// email is the identity everywhere (HubSpot upsert key, Salesforce external id).
/// </summary>
internal sealed record EnrichedLead(
    string Email,
    string? FirstName,
    string? LastName,
    string? Company,
    string? Title,
    string? Industry,
    string? LeadScore,
    bool Enriched)
{
    public string ExternalId => Email.ToLowerInvariant();

    /// <summary>The lead in a Clay row, or null when the row has no email.</summary>
    public static EnrichedLead? From(JsonObject row)
    {
        var email = WorkflowJson.Text(row["email"])?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return null;
        }

        var enrichment = row["enrichment"] as JsonObject;
        var fullName = Field(enrichment, "full_name");
        var (first, last) = Split(fullName);
        return new EnrichedLead(
            email,
            Field(row, "first_name") ?? first,
            Field(row, "last_name") ?? last,
            Field(row, "company") ?? Field(enrichment, "company_name"),
            Field(row, "title") ?? Field(enrichment, "title"),
            Field(enrichment, "industry"),
            Field(row, "lead_score") ?? Field(enrichment, "lead_score"),
            string.Equals(Field(row, "clay_status"), "enriched", StringComparison.OrdinalIgnoreCase));
    }

    public Dictionary<string, string?> HubSpotProperties(string leadScoreProperty)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["firstname"] = FirstName,
            ["lastname"] = LastName,
            ["company"] = Company,
            ["jobtitle"] = Title,
            ["clay_enriched"] = Enriched ? "true" : "false",
        };
        if (LeadScore is not null)
        {
            properties[leadScoreProperty] = LeadScore;
        }

        return properties.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>Salesforce requires LastName and Company on a Lead; a missing one is left out so Salesforce's validation names it.</summary>
    public Dictionary<string, object?> SalesforceFields() =>
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Email"] = Email,
            ["FirstName"] = FirstName,
            ["LastName"] = LastName,
            ["Company"] = Company,
            ["Title"] = Title,
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static string? Field(JsonObject? json, string name) =>
        json is not null && WorkflowJson.Text(json[name]) is { Length: > 0 } text ? text.Trim() : null;

    private static (string? First, string? Last) Split(string? fullName)
    {
        if (fullName is null)
        {
            return (null, null);
        }

        var space = fullName.LastIndexOf(' ');
        return space < 0 ? (null, fullName) : (fullName[..space], fullName[(space + 1)..]);
    }

    public static double? Score(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
