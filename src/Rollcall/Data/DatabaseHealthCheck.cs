using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Rollcall.Data;

/// <summary>
/// Ready when the database answers and has every migration this build knows (none pending: a node newer than its
/// database must not serve). The answer names no server, database or error text: only healthy or not, and why in a word.
/// </summary>
internal sealed class DatabaseHealthCheck(RollcallDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            }

            var history = db.GetService<IHistoryRepository>();
            var applied = await history.ExistsAsync(cancellationToken)
                ? (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(m => m.MigrationId).ToHashSet(StringComparer.Ordinal)
                : [];
            return db.Database.GetMigrations().All(applied.Contains)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database lacks migrations.");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be read.");
        }
    }
}
