using System.Net;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Hosting;

/// <summary>
/// Forwarded headers count only from loopback and the configured proxies: the login redirect is built from the
/// request's scheme and host, and HSTS is sent only over HTTPS, so both show whether the headers were believed.
/// </summary>
public sealed class TrustedProxyTests
{
    [Theory]
    [InlineData("Web:TrustedNetworks:0", "10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("Web:TrustedNetworks:0", "10.0.0.0/8", "192.0.2.9", false)]
    [InlineData("Web:TrustedProxies:0", "10.1.2.3", "10.1.2.3", true)]
    [InlineData("Web:TrustedProxies:0", "10.1.2.3", "10.1.2.4", false)]
    [InlineData("Web:TrustedNetworks:0", "fd00::/8", "fd00::7", true)]
    [InlineData(null, null, "10.1.2.3", false)]
    [InlineData(null, null, "127.0.0.1", true)]
    public async Task ForwardedHeaders_HonouredFromTrustedProxiesOnly(string? key, string? value, string proxy, bool honoured)
    {
        var settings = key is null ? null : new Dictionary<string, string?> { [key] = value };
        await using var app = RollcallApp.Start(settings: settings, services: RemoteAddress.Install);
        var request = new HttpRequestMessage(HttpMethod.Get, "/").From(proxy);
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "rollcall.example.com");

        var response = await app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") }).SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        if (honoured)
        {
            Assert.StartsWith("https://rollcall.example.com/login", location);
            Assert.True(response.Headers.Contains("Strict-Transport-Security"), "HSTS over the proxy's HTTPS");
        }
        else
        {
            Assert.StartsWith("http://localhost/login", location);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), "no HSTS over plain HTTP");
        }
    }
}
