namespace GtmGuard.Simulators.Hosting;

/// <summary>Finds the route for a method and path; routes are grouped by method so a lookup tries only a few patterns.</summary>
internal sealed class RouteTable
{
    private readonly Dictionary<string, SimRoute[]> _byMethod;
    private readonly IReadOnlyList<SimRoute> _all;

    public RouteTable(IReadOnlyList<SimRoute> routes)
    {
        _all = routes;
        _byMethod = routes.GroupBy(r => r.Method, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public RouteMatch? Find(string method, string path)
    {
        if (!_byMethod.TryGetValue(method, out var candidates))
        {
            return null;
        }

        foreach (var route in candidates)
        {
            if (route.Match(path) is { } values)
            {
                return new RouteMatch(route, values);
            }
        }

        return null;
    }

    /// <summary>Methods that would match the path, for a 405's Allow header; empty means the path is unknown.</summary>
    public IReadOnlyCollection<string> AllowedMethods(string path) =>
        _all.Where(r => r.Matches(path)).Select(r => r.Method).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}

/// <summary>A route and the values its template captured from the path.</summary>
internal sealed record RouteMatch(SimRoute Route, IReadOnlyDictionary<string, string> Values);
