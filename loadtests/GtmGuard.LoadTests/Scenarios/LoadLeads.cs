using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using GtmGuard.LoadTests.Reconciliation;

namespace GtmGuard.LoadTests.Scenarios;

/// <summary>The generated leads: record n is <c>lt{n}@load.gtmguard.test</c>, so any vendor record maps back to its sequence number.</summary>
internal static partial class LoadLeads
{
    public const string Domain = "@load.gtmguard.test";

    public static string Email(long sequence) => "lt" + sequence.ToString(CultureInfo.InvariantCulture) + Domain;

    public static string LastName(long sequence) => "L" + sequence.ToString(CultureInfo.InvariantCulture);

    public static IReadOnlyDictionary<string, object?> Lead(long sequence) => new Dictionary<string, object?>
    {
        ["email"] = Email(sequence),
        ["first_name"] = "Load",
        ["last_name"] = LastName(sequence),
        ["company"] = "GtmGuard Load",
    };

    public static long? Sequence(string? email)
    {
        if (email is null || !email.EndsWith(Domain, StringComparison.OrdinalIgnoreCase) || !email.StartsWith("lt", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return long.TryParse(email.AsSpan(2, email.Length - 2 - Domain.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>Every lead sequence number named in a request body (cheap: no JSON parse).</summary>
    public static IEnumerable<long> SequencesIn(string body) =>
        EmailPattern().Matches(body).Select(m => long.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture)).Distinct();

    /// <summary>HubSpot contacts (archived ones do not count) against leads 0 … count−1, each expected with its last name.</summary>
    public static async Task<ReconciliationResult> ReconcileHubSpotAsync(string baseUrl, long count, Func<long, bool> expected, CancellationToken cancellationToken)
    {
        var reconciler = new Reconciler("HubSpot contacts", count, expected, LastName);
        await foreach (var contact in VendorState.StreamAsync(baseUrl, "contacts", cancellationToken).ConfigureAwait(false))
        {
            if (IsTrue(contact, "archived") || IsTrue(contact, "Archived"))
            {
                continue;
            }

            var properties = contact.GetProperty("properties");
            reconciler.Observe(Sequence(Text(properties, "email")), Text(properties, "lastname"));
        }

        return reconciler.Result();
    }

    /// <summary>Salesforce records of <paramref name="sObject"/> (deleted ones do not count) by external id, each with its last name.</summary>
    public static async Task<ReconciliationResult> ReconcileSalesforceAsync(string baseUrl, string sObject, long count, Func<long, bool> expected, CancellationToken cancellationToken)
    {
        var reconciler = new Reconciler($"Salesforce {sObject}", count, expected, LastName);
        await foreach (var record in VendorState.StreamAsync(baseUrl, sObject, cancellationToken).ConfigureAwait(false))
        {
            if (IsTrue(record, "IsDeleted"))
            {
                continue;
            }

            reconciler.Observe(Sequence(Text(record, "External_Id__c")), Text(record, "LastName"));
        }

        return reconciler.Result();
    }

    private static bool IsTrue(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    public static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"""lt(\d+)@load\.gtmguard\.test""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex EmailPattern();
}
