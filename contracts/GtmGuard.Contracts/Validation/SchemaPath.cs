namespace GtmGuard.Contracts.Validation;

/// <summary>JSON paths in findings: <c>$.results[3].properties.email</c>.</summary>
internal static class SchemaPath
{
    /// <summary>NJsonSchema's <c>#/results[1].id</c> under <paramref name="root"/> (<c>$</c>, or <c>$[4]</c> for one event of a batch).</summary>
    public static string From(string njsonPath, string root)
    {
        var relative = njsonPath.StartsWith("#/", StringComparison.Ordinal) ? njsonPath[2..] : njsonPath.TrimStart('#');
        if (relative.Length == 0)
        {
            return root;
        }

        return relative[0] == '[' ? root + relative : root + "." + relative;
    }

    public static string Child(string parent, string name) => parent + "." + name;

    public static string Item(string parent, int index) => $"{parent}[{index}]";

    public static string Parent(string path)
    {
        var dot = path.LastIndexOf('.');
        var bracket = path.LastIndexOf('[');
        var cut = Math.Max(dot, bracket);
        return cut <= 0 ? "$" : path[..cut];
    }

    public static string Leaf(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }
}
