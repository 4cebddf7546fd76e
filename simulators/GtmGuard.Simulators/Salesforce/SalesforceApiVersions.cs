using GtmGuard.Simulators.Hosting;

namespace GtmGuard.Simulators.Salesforce;

/// <summary>The versions the org serves; a handler only runs for one of them.</summary>
internal sealed class SalesforceApiVersions
{
    /// <summary>v7.0–30.0 are retired (the last batch in Summer '25) and answer 410 GONE.</summary>
    private const int NewestRetired = 30;

    private readonly HashSet<int> _supported;

    public SalesforceApiVersions(IEnumerable<string> versions)
    {
        Supported = versions
            .Select(v => SalesforceApiVersion.TryParse(v, out var parsed) ? parsed : throw new ArgumentException($"API version '{v}' must look like 66.0."))
            .OrderBy(v => v.Major)
            .ToList();
        if (Supported.Count == 0)
        {
            throw new ArgumentException("At least one API version must be configured.");
        }

        _supported = Supported.Select(v => v.Major).ToHashSet();
    }

    public IReadOnlyList<SalesforceApiVersion> Supported { get; }

    public SalesforceApiVersion Latest => Supported[^1];

    /// <summary>Wraps a handler so it only runs for a served version; other versions get the vendor's 404 or 410.</summary>
    public Func<SimRequest, SimResponse> Versioned(Func<SimRequest, SalesforceApiVersion, SimResponse> handler) => request =>
    {
        if (!SalesforceApiVersion.TryParse(request.Route("version"), out var version))
        {
            return SalesforceResponses.NotFound();
        }

        if (_supported.Contains(version.Major))
        {
            return handler(request, version);
        }

        // The 410 body's wording is not documented in what we could read; the status is (vendor-facts §1.1).
        return version.Major <= NewestRetired
            ? SalesforceResponses.Error(410, "GONE", $"API version {version.Text} has been retired and is no longer supported.")
            : SalesforceResponses.NotFound();
    };

    /// <summary><c>GET /services/data/</c>: every served version, oldest first.</summary>
    public SimResponse List(SimRequest request) =>
        SalesforceResponses.Json(200, Supported.Select(v => new { label = v.Label, url = v.DataPath, version = v.Text }).ToArray());
}
