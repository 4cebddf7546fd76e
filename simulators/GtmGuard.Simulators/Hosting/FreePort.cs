using System.Net;
using System.Net.Sockets;

namespace GtmGuard.Simulators.Hosting;

/// <summary>Asks the OS for a free port on the bind address (port 0 in tests).</summary>
internal static class FreePort
{
    public static int Find(string address)
    {
        using var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
