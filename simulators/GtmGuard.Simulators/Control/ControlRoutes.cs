using System.Text.RegularExpressions;
using WireMock;

namespace GtmGuard.Simulators.Control;

/// <summary>The control endpoints of one simulator: method + anchored path pattern → handler.</summary>
internal sealed class ControlRoutes
{
    private volatile (string Method, Regex Pattern, Func<IRequestMessage, ControlResponse> Handler)[] _routes = [];

    public void Add(string method, string pattern, Func<IRequestMessage, ControlResponse> handler) =>
        _routes = [.. _routes, (method, new Regex(pattern, RegexOptions.CultureInvariant), handler)];

    public Func<IRequestMessage, ControlResponse>? Find(string method, string path)
    {
        foreach (var (routeMethod, pattern, handler) in _routes)
        {
            if (string.Equals(routeMethod, method, StringComparison.OrdinalIgnoreCase) && pattern.IsMatch(path))
            {
                return handler;
            }
        }

        return null;
    }
}
