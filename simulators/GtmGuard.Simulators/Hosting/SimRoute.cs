using System.Text;
using System.Text.RegularExpressions;

namespace GtmGuard.Simulators.Hosting;

/// <summary>How a route takes part in the pipeline.</summary>
[Flags]
public enum RouteTraits
{
    None = 0,

    /// <summary>The caller must present a valid token.</summary>
    Authenticated = 1,

    /// <summary>The call counts against the vendor's quota.</summary>
    Metered = 2,

    /// <summary>Chaos rules may hit this route.</summary>
    ChaosTarget = 4,

    /// <summary>A vendor API call: authenticated, metered and open to chaos.</summary>
    Api = Authenticated | Metered | ChaosTarget,
}

/// <summary>One vendor operation: a method and a path template such as <c>/crm/v3/objects/contacts/{contactId}</c>.</summary>
public sealed partial class SimRoute
{
    private readonly Regex _pattern;
    private readonly string[] _parameterNames;

    public SimRoute(string method, string template, string operation, Func<SimRequest, SimResponse> handler, RouteTraits traits = RouteTraits.Api)
    {
        Method = method;
        Template = template;
        Operation = operation;
        Handler = handler;
        Traits = traits;
        (_pattern, _parameterNames) = Compile(template);
    }

    public string Method { get; }

    public string Template { get; }

    /// <summary>The operation name chaos rules and quota usage refer to, e.g. <c>contacts.read</c>.</summary>
    public string Operation { get; }

    public Func<SimRequest, SimResponse> Handler { get; }

    public RouteTraits Traits { get; }

    public bool Matches(string path) => _pattern.IsMatch(path);

    /// <summary>Matches the path once and returns the decoded route values, or null when it does not match.</summary>
    public IReadOnlyDictionary<string, string>? Match(string path)
    {
        var match = _pattern.Match(path);
        if (!match.Success)
        {
            return null;
        }

        if (_parameterNames.Length == 0)
        {
            return EmptyValues;
        }

        var values = new Dictionary<string, string>(_parameterNames.Length, StringComparer.Ordinal);
        foreach (var name in _parameterNames)
        {
            values[name] = Uri.UnescapeDataString(match.Groups[name].Value);
        }

        return values;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyValues = new Dictionary<string, string>();

    private static (Regex Pattern, string[] Names) Compile(string template)
    {
        var names = new List<string>();
        var pattern = new StringBuilder("^");
        foreach (Match part in TemplatePart().Matches(template))
        {
            if (part.Groups["param"].Success)
            {
                var name = part.Groups["param"].Value;
                var catchAll = name.StartsWith('*');
                name = name.TrimStart('*');
                names.Add(name);
                pattern.Append("(?<").Append(name).Append('>').Append(catchAll ? ".+" : "[^/]+").Append(')');
            }
            else
            {
                pattern.Append(Regex.Escape(part.Value));
            }
        }

        // Vendors accept a trailing slash on most paths; so do the simulators.
        pattern.Append("/?$");
        return (new Regex(pattern.ToString(), RegexOptions.Compiled | RegexOptions.CultureInvariant), names.ToArray());
    }

    [GeneratedRegex(@"\{(?<param>\*?[A-Za-z][A-Za-z0-9_]*)\}|[^{]+")]
    private static partial Regex TemplatePart();
}
