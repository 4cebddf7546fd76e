using System.Globalization;
using System.Text.RegularExpressions;

namespace GtmGuard.Probes.Health;

/// <summary>Reads a window such as <c>90s</c>, <c>5m</c>, <c>1h</c> or <c>00:05:00</c>.</summary>
internal static partial class WindowText
{
    public static bool TryParse(string? text, out TimeSpan window)
    {
        window = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Shorthand().Match(text.Trim());
        if (match.Success && long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 1_000_000)
        {
            window = match.Groups["unit"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromHours(n),
            };
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out window);
    }

    [GeneratedRegex("^(?<n>[0-9]+)(?<unit>ms|s|m|h)$")]
    private static partial Regex Shorthand();
}
