using GtmGuard.Probes.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GtmGuard.Probes.Dashboard;

/// <summary>The health dashboard: one page, its script and styles, served from the assembly (no CDN, nothing on disk).</summary>
internal static class DashboardPage
{
    private static readonly Dictionary<string, (byte[] Content, string ContentType)> Assets = Load();

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Serve("index.html"));
        endpoints.MapGet("/assets/{name}", (string name) => Assets.ContainsKey(name) && name != "index.html"
            ? Serve(name)
            : HealthApi.Error($"No dashboard asset named '{name}'.", StatusCodes.Status404NotFound));
        return endpoints;
    }

    private static IResult Serve(string name)
    {
        var (content, contentType) = Assets[name];
        return Results.Bytes(content, contentType);
    }

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(DashboardPage).Assembly;
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("dashboard/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var name = resource["dashboard/".Length..];
            assets[name] = (buffer.ToArray(), ContentType(name));
        }

        return assets;
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };
}
