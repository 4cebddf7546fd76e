using System.Globalization;

namespace GtmGuard.Simulators.HubSpot;

/// <summary>Orders property values as HubSpot does: numbers numerically, dates (ISO or epoch ms) by time, else case-insensitive text.</summary>
internal sealed class HubSpotValueComparer : IComparer<string?>
{
    public static HubSpotValueComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        if (TryNumber(x, out var a) && TryNumber(y, out var b))
        {
            return a.CompareTo(b);
        }

        return string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Numbers, and ISO dates as epoch milliseconds so they compare with epoch filter values.</summary>
    private static bool TryNumber(string text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (text.Length >= 10 && text[4] == '-' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            value = date.ToUnixTimeMilliseconds();
            return true;
        }

        return false;
    }
}
