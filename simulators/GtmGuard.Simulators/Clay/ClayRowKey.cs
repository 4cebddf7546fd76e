using System.Text;
using System.Text.Json.Nodes;

namespace GtmGuard.Simulators.Clay;

/// <summary>
/// What identifies the person a row is about, so enrichment depends on the input and not on arrival order:
/// the email, else the LinkedIn URL, else the domain, else the whole row. Column names match loosely
/// (<c>first_name</c>, <c>firstName</c> and <c>First Name</c> are one column).
/// </summary>
internal static class ClayRowKey
{
    private static readonly string[] KeyColumns = ["email", "workemail", "emailaddress", "personalemail", "linkedinurl", "linkedin", "linkedinprofile", "domain", "companydomain", "website"];

    public static string Of(JsonObject fields)
    {
        foreach (var column in KeyColumns)
        {
            if (Text(fields, column) is { } value)
            {
                return column + ":" + value.ToLowerInvariant();
            }
        }

        return "row:" + Canonical(fields);
    }

    /// <summary>The first non-blank string value among the columns whose normalised name is one of <paramref name="names"/>.</summary>
    public static string? Text(JsonObject fields, params string[] names)
    {
        foreach (var name in names)
        {
            foreach (var (key, value) in fields)
            {
                if (Normalise(key) == name && value is JsonValue scalar && scalar.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
                {
                    return text.Trim();
                }
            }
        }

        return null;
    }

    private static string Normalise(string column)
    {
        var builder = new StringBuilder(column.Length);
        foreach (var c in column)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static string Canonical(JsonObject fields) =>
        string.Join("\u001f", fields.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + (p.Value?.ToJsonString() ?? "null")));
}
