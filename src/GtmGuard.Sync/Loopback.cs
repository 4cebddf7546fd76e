using System.Net;

namespace GtmGuard.Sync;

/// <summary>The one loopback rule for the services that listen only on this machine (webhook intake, probe service).</summary>
public static class Loopback
{
    /// <summary><c>localhost</c> or a loopback IP (<c>127.0.0.0/8</c>, <c>::1</c>, with or without brackets).</summary>
    public static bool IsHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>An absolute <c>http://</c> URL whose host is loopback.</summary>
    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && IsHost(uri.Host);
}
