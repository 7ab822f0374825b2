using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Rollcall.Data;

internal sealed class DatabaseHealthCheck(RollcallDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
