using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Rollcall.PersonioSandbox.Tests.Control;

public sealed class ControlAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Makes every request look as if it came from another machine.</summary>
    private static SandboxApp Remote() => new SandboxApp().WithServices(s => s.AddSingleton<IStartupFilter, RemoteCaller>());

    [Fact]
    public async Task Control_RemoteCallerWithoutConfiguredKey_Returns403()
    {
        await using var app = Remote();

        var response = await app.CreateClient().GetAsync("/_sandbox/companies", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Control_RemoteCallerWithKey_NeedsTheRightHeader()
    {
        await using var app = Remote().With("Sandbox:Control:ApiKey", "test-key-123");
        var client = app.CreateClient();

        var without = await client.GetAsync("/_sandbox/companies", Ct);
        client.DefaultRequestHeaders.Add("X-Sandbox-Key", "test-key-123");
        var with = await client.GetAsync("/_sandbox/companies", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task PersonioRoutes_RemoteCaller_AreNotGuardedByControlKey()
    {
        await using var app = Remote();

        var response = await app.CreateClient().GetAsync("/v1/company/employees", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Authorization is not provided", (await response.ReadJsonAsync()).GetProperty("error").Str("message"));
    }

    private sealed class RemoteCaller : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate nextDelegate) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
                return nextDelegate(http);
            });
            next(app);
        };
    }
}
