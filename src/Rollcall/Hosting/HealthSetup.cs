using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Rollcall.Endpoints;

namespace Rollcall.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers (no dependency is asked, so a database outage never restarts a node).
/// <c>/health/ready</c>: the database answers with every migration applied and the scheduler runs; <c>/health</c> is the
/// same as ready. Each answers 200 <c>Healthy</c> or 503 <c>Unhealthy</c> and nothing more, so no connection detail leaks.
/// </summary>
internal static class HealthSetup
{
    public static IHostApplicationBuilder AddRollcallHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler", tags: [HealthTags.Ready], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    public static WebApplication MapRollcallHealth(this WebApplication app)
    {
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Ready) };
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        app.MapHealthChecks("/health", ready).AllowAnonymous();
        return app;
    }
}
