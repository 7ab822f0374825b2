using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Rollcall.Hosting;

/// <summary>Ready when the scheduler that runs syncs and sends mail is running: started, not on standby, not shutting down.</summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return scheduler.Status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The scheduler is not running.");
    }
}
