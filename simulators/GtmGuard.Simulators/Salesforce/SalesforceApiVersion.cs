using System.Globalization;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>A REST API version such as 66.0; behaviour changes are keyed on the major number (upsert at 46).</summary>
internal readonly record struct SalesforceApiVersion(int Major)
{
    /// <summary>The first version whose upsert-update answers 200 with <c>created:false</c> instead of 204.</summary>
    public const int UpsertCreatedFlag = 46;

    public string Text => Major.ToString(CultureInfo.InvariantCulture) + ".0";

    public string DataPath => "/services/data/v" + Text;

    /// <summary>The release that introduced the version: v46.0 is Summer '19, three releases a year.</summary>
    public string Label
    {
        get
        {
            var k = Major - 46;
            var season = (((k % 3) + 3) % 3) switch
            {
                0 => "Summer",
                1 => "Winter",
                _ => "Spring",
            };
            var year = 19 + (int)Math.Floor((k + 2) / 3.0);
            return string.Create(CultureInfo.InvariantCulture, $"{season} '{year:00}");
        }
    }

    public static bool TryParse(string text, out SalesforceApiVersion version)
    {
        version = default;
        var parts = text.Split('.');
        if (parts.Length != 2 || parts[1] != "0" || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) || major < 1)
        {
            return false;
        }

        version = new SalesforceApiVersion(major);
        return true;
    }

    public override string ToString() => Text;
}
