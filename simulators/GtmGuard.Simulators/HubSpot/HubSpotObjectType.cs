namespace GtmGuard.Simulators.HubSpot;

/// <summary>What differs between CRM object types: their properties and the unique property used for dedupe and upsert.</summary>
public sealed record HubSpotObjectType(
    string Name,
    IReadOnlyList<string> DefaultProperties,
    IReadOnlySet<string> KnownProperties,
    string? UniqueProperty,
    IReadOnlyList<string> OneOfRequired)
{
    private static readonly string[] System = ["hs_object_id", "createdate", "lastmodifieddate"];

    public static HubSpotObjectType Contacts(IEnumerable<string> custom) => new(
        "contacts",
        ["email", "firstname", "lastname"],
        new HashSet<string>(
            System.Concat(custom).Concat(
            [
                "email", "firstname", "lastname", "phone", "mobilephone", "company", "website", "jobtitle", "lifecyclestage",
                "hs_lead_status", "city", "state", "country", "zip", "address", "industry", "hs_additional_emails", "annualrevenue",
                "numemployees", "hs_linkedin_url", "seniority", "hubspot_owner_id",
            ]),
            StringComparer.Ordinal),
        "email",
        ["email", "firstname", "lastname"]);

    public static HubSpotObjectType Companies(IEnumerable<string> custom) => new(
        "companies",
        ["name", "domain"],
        new HashSet<string>(
            System.Concat(custom).Concat(["name", "domain", "industry", "phone", "city", "state", "country", "numberofemployees", "annualrevenue", "website", "description", "lifecyclestage"]),
            StringComparer.Ordinal),
        null,
        []);

    /// <summary>Properties HubSpot maintains itself; clients cannot write them.</summary>
    public static bool IsReadOnly(string property) => Array.IndexOf(System, property) >= 0;
}
