using System.Net;

namespace Rollcall.Telemetry;

/// <summary>
/// Networks in CIDR notation as settings take them: <c>10.0.0.0/8</c>. An address with bits set after the prefix
/// (<c>10.0.0.1/8</c>) is refused rather than silently widened: it usually means a single host was meant.
/// </summary>
internal static class Cidr
{
    public static bool TryParse(string text, out IPNetwork network) =>
        IPNetwork.TryParse(text, out network)
        && IPAddress.TryParse(text.AsSpan(0, text.IndexOf('/', StringComparison.Ordinal)), out var written)
        && written.Equals(network.BaseAddress);

    public static IPNetwork Parse(string text) =>
        TryParse(text, out var network) ? network : throw new FormatException($"'{text}' is not a network in CIDR notation.");
}
