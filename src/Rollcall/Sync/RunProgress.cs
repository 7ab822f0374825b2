using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Sync;
using Rollcall.Personio;

namespace Rollcall.Sync;

/// <summary>
/// Where a running run is, written into its own row so that any node can show it (ADR-028): at each phase change, and
/// while reading or applying at most once per <see cref="Interval"/>, by one short UPDATE on the engine's own connection,
/// between pages and between batches (never inside a batch's transaction, so an apply never waits on it). The tracked
/// run is updated first: whatever saves it later (its end) writes these values or newer ones, never older ones. What a
/// run decides or applies never depends on what is written here.
/// </summary>
internal sealed partial class RunProgress(RollcallDbContext db, TimeProvider time, ILogger<RunProgress> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private Guid? _runId;
    private long _writtenAt;

    /// <summary>The requests to Personio of the run being tracked (see <see cref="Begin"/>).</summary>
    public PersonioTally? Tally { get; private set; }

    /// <summary>Starts tracking <paramref name="run"/>: a fresh tally of its requests to Personio.</summary>
    public PersonioTally Begin(SyncRun run)
    {
        _runId = run.Id;
        Tally = new PersonioTally();
        return Tally;
    }

    /// <summary>
    /// The pages of the company's previous full read that completed: the estimate of a read whose pages Personio does not
    /// announce (v2's cursors). Every pass of that read counted; null before the first.
    /// </summary>
    public Task<int?> PreviousPagesAsync(SyncRun run, CancellationToken ct) =>
        db.SyncRuns.AsNoTracking()
            .Where(r => r.CompanyId == run.CompanyId && r.Id != run.Id && r.PagesRead > 0
                        && r.State != RunState.Running && r.State != RunState.Failed)
            .OrderByDescending(r => r.StartedAt).Select(r => (int?)r.PagesRead).FirstOrDefaultAsync(ct);

    public Task PhaseAsync(SyncRun run, RunPhase phase, CancellationToken ct)
    {
        run.Phase = phase;
        LogPhase(logger, run.CompanyId, run.Id, phase);
        return WriteAsync(run, ct);
    }

    /// <summary>A page of the employee list was read; <paramref name="pagesTotal"/> null: Personio announced none, the estimate stands.</summary>
    public Task PagesAsync(SyncRun run, ReadProgress read, int? estimate, CancellationToken ct)
    {
        run.PagesRead = read.Pages;
        run.PagesTotal = read.PagesTotal ?? (estimate >= read.Pages ? estimate : null);
        return DueAsync(run, ct);
    }

    /// <summary>The read is done: its pages are known. The plan is being made.</summary>
    public Task PlanningAsync(SyncRun run, CancellationToken ct)
    {
        run.PagesTotal = run.PagesRead > 0 ? run.PagesRead : run.PagesTotal;
        return PhaseAsync(run, RunPhase.Planning, ct);
    }

    /// <summary>The plan stands: its steps are applied (or, for a preview, recorded) from now on.</summary>
    public Task ApplyingAsync(SyncRun run, int steps, CancellationToken ct)
    {
        run.StepsPlanned = steps;
        run.StepsApplied = 0;
        return PhaseAsync(run, RunPhase.Applying, ct);
    }

    /// <summary>A batch of <paramref name="steps"/> committed; the last one always writes, so the row says all were applied.</summary>
    public Task AppliedAsync(SyncRun run, int steps, CancellationToken ct)
    {
        run.StepsApplied += steps;
        return run.StepsApplied >= run.StepsPlanned ? WriteAsync(run, ct) : DueAsync(run, ct);
    }

    /// <summary>Copies the run's request counts onto it, for its end's save.</summary>
    public void Settle(SyncRun run)
    {
        if (_runId == run.Id && Tally is { } tally)
        {
            run.PersonioRequests = tally.Requests;
            run.PersonioThrottled = tally.Throttled;
        }

        run.ProgressAt = time.GetUtcNow().UtcDateTime;
    }

    private Task DueAsync(SyncRun run, CancellationToken ct) =>
        time.GetElapsedTime(_writtenAt) >= Interval ? WriteAsync(run, ct) : Task.CompletedTask;

    private async Task WriteAsync(SyncRun run, CancellationToken ct)
    {
        Settle(run);
        var (phase, pagesRead, pagesTotal, stepsApplied, stepsPlanned, at, requests, throttled) =
            (run.Phase, run.PagesRead, run.PagesTotal, run.StepsApplied, run.StepsPlanned, run.ProgressAt, run.PersonioRequests, run.PersonioThrottled);
        // Only while it runs: a run another node recorded as interrupted keeps the end it was given.
        await db.SyncRuns.Where(r => r.Id == run.Id && r.State == RunState.Running).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Phase, phase)
            .SetProperty(r => r.PagesRead, pagesRead)
            .SetProperty(r => r.PagesTotal, pagesTotal)
            .SetProperty(r => r.StepsApplied, stepsApplied)
            .SetProperty(r => r.StepsPlanned, stepsPlanned)
            .SetProperty(r => r.ProgressAt, at)
            .SetProperty(r => r.PersonioRequests, requests)
            .SetProperty(r => r.PersonioThrottled, throttled), ct);
        _writtenAt = time.GetTimestamp();
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Debug, Message = "Sync of company {CompanyId} run {RunId}: {Phase}")]
    private static partial void LogPhase(ILogger logger, Guid companyId, Guid runId, RunPhase phase);
}
