using System.Net;
using System.Net.Sockets;

namespace Rollcall.Tests.Infrastructure;

/// <summary>A TCP port free on 127.0.0.1 right now, for a server a test or benchmark starts in a moment.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
