using System.Text;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>
/// Salesforce record ids: a 3-character key prefix, 12 case-sensitive base-62 characters and a 3-character
/// case-insensitive checksum suffix. Ids here come from counters, so runs are reproducible.
/// </summary>
internal static class SalesforceIds
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>Builds the 18-character id of the <paramref name="sequence"/>-th record with <paramref name="prefix"/>.</summary>
    public static string Create(string prefix, long sequence)
    {
        // "GT" marks simulator ids (where Salesforce puts the pod); the counter fills the rest.
        var body = new StringBuilder(prefix).Append("GT");
        var digits = new char[10];
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = Base62[(int)(sequence % 62)];
            sequence /= 62;
        }

        return WithChecksum(body.Append(digits).ToString());
    }

    /// <summary>Normalises a 15- or 18-character id to its 18-character form; false when it is not an id at all.</summary>
    public static bool TryNormalize(string? text, out string id)
    {
        id = string.Empty;
        if (text is null || (text.Length != 15 && text.Length != 18) || !text.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        var full = WithChecksum(text[..15]);
        if (text.Length == 18 && !string.Equals(full[15..], text[15..], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        id = full;
        return true;
    }

    public static bool HasPrefix(string id, string prefix) => id.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>Appends the suffix: for each 5-character chunk, a bit per upper-case letter picks one checksum character.</summary>
    private static string WithChecksum(string id15)
    {
        var suffix = new StringBuilder(3);
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id15[(chunk * 5) + i]))
                {
                    bits |= 1 << i;
                }
            }

            suffix.Append(SuffixAlphabet[bits]);
        }

        return id15 + suffix.ToString();
    }
}
