using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Outreach;

/// <summary>
/// The prospect's attributes from Outreach's OpenAPI (vendor-facts §3.2) with their JSON types, plus <c>custom1</c>…<c>custom150</c>.
/// Read-only ones are maintained by the simulator; a client that sends one, or an unknown name, gets a 422.
/// </summary>
internal static class OutreachProspectAttributes
{
    public const int CustomFieldCount = 150;
    public const int CustomFieldMaxLength = 32_000;

    private static readonly string[] StringArrays = ["emails", "homePhones", "mobilePhones", "otherPhones", "tags", "voipPhones", "workPhones"];
    private static readonly string[] Flags = ["callOptedOut", "emailOptedOut", "optedOut"];
    private static readonly string[] Times = ["addedAt", "availableAt"];

    /// <summary>Set by the simulator, never by a client.</summary>
    private static readonly string[] ReadOnly =
    [
        "callsOptedAt", "clickCount", "contactHistogram", "createdAt", "emailsOptedAt", "engagedAt", "engagedScore", "name", "openCount",
        "optedOutAt", "replyCount", "touchedAt", "trashedAt", "updatedAt",
    ];

    private static readonly string[] Strings =
    [
        "addressCity", "addressCountry", "addressState", "addressStreet", "addressStreet2", "addressZip", "angelListUrl", "callsOptStatus",
        "campaignName", "company", "dateOfBirth", "degree", "emailsOptStatus", "eventName", "externalId", "externalOwner", "externalSource",
        "facebookUrl", "firstName", "gender", "githubUrl", "githubUsername", "googlePlusUrl", "graduationDate", "jobStartDate", "lastName",
        "linkedInId", "linkedInSlug", "linkedInUrl", "middleName", "nickname", "occupation", "personalNote1", "personalNote2", "preferredContact",
        "quoraUrl", "region", "school", "sharingTeamId", "source", "specialties", "stackOverflowId", "stackOverflowUrl", "timeZone", "timeZoneIana",
        "timeZoneInferred", "title", "twitterUrl", "twitterUsername", "websiteUrl1", "websiteUrl2", "websiteUrl3",
    ];

    private static readonly string[] Numbers = ["linkedInConnections", "score"];

    /// <summary>Every standard attribute name in alphabetical order, as responses list them.</summary>
    public static IReadOnlyList<string> All { get; } =
        StringArrays.Concat(Flags).Concat(Times).Concat(ReadOnly).Concat(Strings).Concat(Numbers).Order(StringComparer.Ordinal).ToArray();

    public static bool IsArray(string name) => StringArrays.Contains(name) || name == "contactHistogram";

    /// <summary>Checks names and types of client-sent attributes; returns the 422 to send, or null with the values to store.</summary>
    public static SimResponse? Validate(JsonObject attributes, out Dictionary<string, JsonNode?> values)
    {
        values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in attributes)
        {
            var pointer = "/data/attributes/" + name;
            if (ReadOnly.Contains(name))
            {
                return OutreachErrors.Validation($"Attribute '{name}' is read-only.", pointer);
            }

            if (!IsKnown(name))
            {
                return OutreachErrors.Validation($"Unknown attribute '{name}' for type 'prospect'.", pointer);
            }

            if (CheckValue(name, value) is { } problem)
            {
                return OutreachErrors.Validation(problem, pointer);
            }

            values[name] = value?.DeepClone();
        }

        return null;
    }

    private static bool IsKnown(string name) =>
        All.Contains(name) || (name.StartsWith("custom", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= CustomFieldCount && name == "custom" + n.ToString(CultureInfo.InvariantCulture));

    private static string? CheckValue(string name, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        var kind = value.GetValueKind();
        if (StringArrays.Contains(name))
        {
            if (value is not JsonArray array || array.Any(v => v?.GetValueKind() != JsonValueKind.String))
            {
                return $"{Label(name)} must be an array of strings.";
            }

            return name == "emails" ? array.Select(v => v!.GetValue<string>()).FirstOrDefault(e => !LooksLikeEmail(e)) is { } bad ? $"Email '{bad}' is invalid." : null : null;
        }

        if (Flags.Contains(name))
        {
            return kind is JsonValueKind.True or JsonValueKind.False ? null : $"{Label(name)} must be true or false.";
        }

        if (Numbers.Contains(name))
        {
            return kind == JsonValueKind.Number ? null : $"{Label(name)} must be a number.";
        }

        if (kind != JsonValueKind.String)
        {
            return $"{Label(name)} must be a string.";
        }

        var text = value.GetValue<string>();
        if (Times.Contains(name))
        {
            return OutreachTime.TryParse(text, out _) ? null : $"{Label(name)} must be an ISO-8601 date-time.";
        }

        return text.Length > CustomFieldMaxLength ? $"{Label(name)} is too long (maximum is {CustomFieldMaxLength} characters)." : null;
    }

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);
    }

    /// <summary>Rails-style label: <c>emailOptedOut</c> → <c>Email opted out</c>.</summary>
    private static string Label(string name)
    {
        var words = string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
