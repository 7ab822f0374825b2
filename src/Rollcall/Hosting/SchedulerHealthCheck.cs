using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;
using Rollcall.Sync;

namespace Rollcall.Hosting;

/// <summary>
/// Ready when the scheduler that runs syncs is running: started, not on standby, not shutting down. A node with
/// <c>Scheduler:RunJobs</c> off keeps it on standby by design (it only queues runs for the others): there, any state
/// short of shutting down is ready.
/// </summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers, IOptions<SchedulerOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = (await schedulers.GetScheduler(cancellationToken)).Status;
        var ready = options.Value.RunJobs
            ? status == SchedulerStatus.Running
            : status is SchedulerStatus.Created or SchedulerStatus.Standby or SchedulerStatus.Running;
        return ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The scheduler is not running.");
    }
}
