using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;
using Rollcall.Data;

namespace Rollcall.Sync;

/// <summary>
/// "Sync now": begins a run and hands it to the scheduler, so any node that runs syncs takes it. A run that cannot be
/// queued is failed and its lease released at once, so it never blocks the company. A run in this process (the
/// <c>sync</c> verb) goes straight to <see cref="SyncEngine.RunAsync"/> and needs no scheduler.
/// </summary>
internal sealed class SyncQueue(SyncEngine engine, SyncSchedule schedule, SyncRunBook book, SyncRunLease lease)
{
    /// <param name="proposedRules">For a preview: rules not yet saved, to show what they would change.</param>
    public async Task<Outcome<SyncRun>> QueueAsync(Guid companyId, bool dryRun, CancellationToken ct, ImportRules? proposedRules = null)
    {
        var begun = await engine.BeginAsync(companyId, SyncTrigger.Manual, dryRun, ct, proposedRules);
        if (begun.Value is not { } run)
        {
            return begun;
        }

        try
        {
            await schedule.QueueAsync(run.Id, ct);
            return run;
        }
        catch
        {
            await book.FinishAsync(run, RunState.Failed, new Reason("not_queued"), discardPending: true);
            await lease.ReleaseAsync(companyId, run.Id);
            throw;
        }
    }
}
