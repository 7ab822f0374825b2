using Quartz;
using Rollcall.Data.Sync;

namespace Rollcall.Sync;

/// <summary>
/// Thin Quartz adapter over <see cref="SyncEngine"/>: a nightly trigger per company (job data <c>companyId</c>) or a
/// queued run (<c>runId</c>, from "Sync now"). One job key, so runs go one at a time, which suits SQLite's single
/// writer. The job requests recovery: when its node dies mid-run, another node runs it again (<see cref="SyncEngine.ResumeAsync"/>).
/// It knows nothing of which job store is configured.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class SyncJob(SyncEngine engine, SyncSchedule schedule) : IJob
{
    public static readonly JobKey Key = new("personio-sync", "rollcall");
    public const string RunId = "runId";
    public const string CompanyId = "companyId";

    /// <summary>Set on the trigger that tries a recovered run again later.</summary>
    public const string Resume = "resume";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var runId = data.TryGetString(RunId, out var run) && Guid.TryParse(run, out var queued) ? queued : (Guid?)null;
        var companyId = data.TryGetString(CompanyId, out var company) && Guid.TryParse(company, out var scheduled) ? scheduled : (Guid?)null;
        try
        {
            if (context.Recovering || data.ContainsKey(Resume))
            {
                if (await engine.ResumeAsync(runId, companyId, cancellationToken) is { } retryAt)
                {
                    await schedule.ResumeAtAsync(data, retryAt, cancellationToken);
                }
            }
            else if (runId is { } id)
            {
                await engine.ExecuteAsync(id, null, cancellationToken);
            }
            else if (companyId is { } nightly)
            {
                var begun = await engine.BeginAsync(nightly, SyncTrigger.Schedule, dryRun: false, cancellationToken);
                if (begun.Value is { } started)
                {
                    await engine.ExecuteAsync(started.Id, null, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new JobExecutionException("Rollcall is shutting down; the run was recorded as failed.", e) { RefireImmediately = false };
        }
    }
}
