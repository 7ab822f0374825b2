using Quartz;
using Rollcall.Data.Sync;

namespace Rollcall.Sync;

/// <summary>
/// Thin Quartz adapter over <see cref="SyncEngine"/>: a nightly trigger per company (job data <c>companyId</c>) or a
/// queued run (<c>runId</c>, from "Sync now"). One job key, so runs go one at a time, which suits SQLite's single
/// writer; the job knows nothing of which job store is configured.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class SyncJob(SyncEngine engine) : IJob
{
    public static readonly JobKey Key = new("personio-sync", "rollcall");
    public const string RunId = "runId";
    public const string CompanyId = "companyId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        try
        {
            if (data.TryGetString(RunId, out var runId) && Guid.TryParse(runId, out var queued))
            {
                await engine.ExecuteAsync(queued, null, cancellationToken);
            }
            else if (data.TryGetString(CompanyId, out var companyId) && Guid.TryParse(companyId, out var company))
            {
                var begun = await engine.BeginAsync(company, SyncTrigger.Schedule, dryRun: false, cancellationToken);
                if (begun.Value is { } run)
                {
                    await engine.ExecuteAsync(run.Id, null, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new JobExecutionException("Rollcall is shutting down; the run was recorded as failed.", e) { RefireImmediately = false };
        }
    }
}
