using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Rollcall.PersonioSandbox.Benchmarks;

/// <summary>
/// The sandbox in-process, plus a baseline route that returns fixed bytes through the same host and
/// pipeline, so the measured figure is a ratio to "serving a page of the same size" rather than a raw number.
/// </summary>
public sealed class BenchmarkHost : WebApplicationFactory<Program>
{
    public Dictionary<string, byte[]> StaticPages { get; } = new(StringComparer.Ordinal);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Sandbox:Seeding:SeedOnStart", "false");
        builder.UseSetting("Sandbox:RateLimits:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new StaticPageFilter(StaticPages)));
    }

    private sealed class StaticPageFilter(Dictionary<string, byte[]> pages) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/_bench/static", branch => branch.Run(async http =>
            {
                var body = pages[http.Request.Query["page"].ToString()];
                http.Response.ContentType = "application/json";
                await http.Response.Body.WriteAsync(body);
            }));
            next(app);
        };
    }
}
