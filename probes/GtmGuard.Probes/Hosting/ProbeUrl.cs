using System.Net;

namespace GtmGuard.Probes.Hosting;

/// <summary>The probe service listens on loopback only.</summary>
internal static class ProbeUrl
{
    public static bool IsLoopback(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
}
