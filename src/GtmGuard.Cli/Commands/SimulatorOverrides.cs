using System.CommandLine;
using System.Globalization;

namespace GtmGuard.Cli.Commands;

/// <summary>Command-line options shared by <c>up</c> and <c>simulate</c>, turned into configuration overrides.</summary>
internal sealed class SimulatorOverrides
{
    private static readonly string[] Vendors = ["hubspot", "salesforce", "outreach", "clay"];

    public Option<string?> Scenario { get; } = new("--scenario") { Description = "Chaos scenario YAML file (e.g. simulators/scenarios/standard-chaos.yaml)." };

    public Option<int?> Seed { get; } = new("--seed") { Description = "Replaces the scenario's seed." };

    public Option<int?> HubSpotPort { get; } = new("--hubspot-port") { Description = "HubSpot simulator port (default 5102; 0 picks a free port)." };

    public Option<int?> SalesforcePort { get; } = new("--salesforce-port") { Description = "Salesforce simulator port (default 5101; 0 picks a free port)." };

    public Option<int?> OutreachPort { get; } = new("--outreach-port") { Description = "Outreach simulator port (default 5103; 0 picks a free port)." };

    public Option<int?> ClayPort { get; } = new("--clay-port") { Description = "Clay simulator port (default 5104; 0 picks a free port)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Scenario);
        command.Options.Add(Seed);
        command.Options.Add(HubSpotPort);
        command.Options.Add(SalesforcePort);
        command.Options.Add(OutreachPort);
        command.Options.Add(ClayPort);
    }

    public Dictionary<string, string?> Read(ParseResult parse, IReadOnlyCollection<string>? vendors = null)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Set(overrides, "Simulators:Settings:ScenarioPath", parse.GetValue(Scenario));
        Set(overrides, "Simulators:Settings:ScenarioSeed", parse.GetValue(Seed));
        Set(overrides, "Simulators:HubSpot:Port", parse.GetValue(HubSpotPort));
        Set(overrides, "Simulators:Salesforce:Port", parse.GetValue(SalesforcePort));
        Set(overrides, "Simulators:Outreach:Port", parse.GetValue(OutreachPort));
        Set(overrides, "Simulators:Clay:Port", parse.GetValue(ClayPort));
        if (vendors is not null)
        {
            foreach (var vendor in Vendors)
            {
                overrides[$"Simulators:{Section(vendor)}:Enabled"] = vendors.Contains(vendor, StringComparer.OrdinalIgnoreCase) ? "true" : "false";
            }
        }

        return overrides;
    }

    /// <summary>Parses <c>--vendors hubspot,salesforce</c>; unknown names are an error that lists the known ones.</summary>
    public static IReadOnlyCollection<string> ParseVendors(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Vendors;
        }

        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => !Vendors.Contains(n, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unknown.Length > 0)
        {
            error = $"Unknown vendor(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", Vendors)}.";
        }

        return names;
    }

    private static string Section(string vendor) => vendor switch
    {
        "hubspot" => "HubSpot",
        "salesforce" => "Salesforce",
        "outreach" => "Outreach",
        "clay" => "Clay",
        _ => vendor,
    };

    private static void Set<T>(Dictionary<string, string?> overrides, string key, T? value)
    {
        if (value is not null)
        {
            overrides[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }
}
