namespace Rollcall.Hosting;

/// <summary>
/// Which reverse proxies Rollcall believes. Section <c>Web</c>. <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> are
/// honoured only from loopback and from the addresses and networks listed here; from anyone else they are ignored.
/// </summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>Proxy addresses (<c>10.0.0.5</c>, <c>fd00::5</c>) whose forwarded headers are honoured, besides loopback.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Networks in CIDR notation (<c>10.0.0.0/8</c>) whose proxies' forwarded headers are honoured, besides loopback.</summary>
    public List<string> TrustedNetworks { get; set; } = [];
}
