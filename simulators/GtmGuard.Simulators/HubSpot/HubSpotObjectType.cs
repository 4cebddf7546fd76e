namespace GtmGuard.Simulators.HubSpot;

/// <summary>What differs between CRM object types: their properties and the unique-value properties used for dedupe and upsert.</summary>
public sealed record HubSpotObjectType(
    string Name,
    IReadOnlyList<string> DefaultProperties,
    IReadOnlySet<string> KnownProperties,
    IReadOnlyList<string> UniqueProperties,
    IReadOnlyList<string> OneOfRequired)
{
    public const string ObjectIdProperty = "hs_object_id";

    private static readonly string[] System = [ObjectIdProperty, "createdate", "lastmodifieddate"];

    /// <summary>The singular, capitalised name HubSpot uses in messages: <c>Contact</c>, <c>Company</c>.</summary>
    public string Singular => Name switch
    {
        "companies" => "Company",
        _ => char.ToUpperInvariant(Name[0]) + Name[1..^1],
    };

    public static HubSpotObjectType Contacts(IEnumerable<string> custom, IEnumerable<string> uniqueCustom) => new(
        "contacts",
        ["email", "firstname", "lastname"],
        Known(custom, [
            "email", "firstname", "lastname", "phone", "mobilephone", "company", "website", "jobtitle", "lifecyclestage",
            "hs_lead_status", "city", "state", "country", "zip", "address", "industry", "hs_additional_emails", "annualrevenue",
            "numemployees", "hs_linkedin_url", "seniority", "hubspot_owner_id",
        ]),
        ["email", .. uniqueCustom],
        ["email", "firstname", "lastname"]);

    public static HubSpotObjectType Companies(IEnumerable<string> custom, IEnumerable<string> uniqueCustom) => new(
        "companies",
        ["name", "domain"],
        Known(custom, ["name", "domain", "industry", "phone", "city", "state", "country", "numberofemployees", "annualrevenue", "website", "description", "lifecyclestage"]),
        [.. uniqueCustom],
        []);

    /// <summary>Properties HubSpot maintains itself; clients cannot write them.</summary>
    public static bool IsReadOnly(string property) => Array.IndexOf(System, property) >= 0;

    public bool IsUnique(string property) => UniqueProperties.Contains(property, StringComparer.Ordinal);

    private static HashSet<string> Known(IEnumerable<string> custom, string[] builtIn) =>
        new(System.Concat(custom).Concat(builtIn), StringComparer.Ordinal);
}
