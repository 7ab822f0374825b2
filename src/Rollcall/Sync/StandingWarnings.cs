using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Sync;
using Standing = System.Collections.Generic.Dictionary<(long Employee, string Code, Rollcall.Data.Reason Reason), System.Collections.Generic.List<long>>;

namespace Rollcall.Sync;

/// <summary>
/// Warnings about persons that stand from run to run (<see cref="StandingWarning"/>): a real run records only those
/// that are new or changed, and counts the ones an earlier run recorded as repeated; an unchanged night writes nothing.
/// Previews record every warning: they show the whole plan.
/// </summary>
internal sealed class StandingWarnings(RollcallDbContext db, SyncRunLease lease)
{
    /// <summary>
    /// The plan without the person warnings already standing; <see cref="SyncRun.RepeatedWarnings"/> counts them (they
    /// stay in <see cref="SyncRun.Warnings"/>). Reads only: what stands is changed by <see cref="SettleAsync"/> after the
    /// apply, so a run that crashes in between records them again next time rather than never.
    /// </summary>
    public async Task<(SyncPlan Recorded, Standing Standing)> WithoutRepeatedAsync(SyncRun run, SyncPlan plan, CancellationToken ct)
    {
        var standing = (await db.StandingWarnings.AsNoTracking().Where(w => w.CompanyId == run.CompanyId).ToListAsync(ct))
            .GroupBy(w => (w.PersonioEmployeeId, w.ReasonCode, w.Reason)).ToDictionary(g => g.Key, g => g.Select(w => w.Id).ToList());
        var recorded = plan.Steps.Where(step => Key(step) is not { } key || !standing.ContainsKey(key)).ToList();
        run.RepeatedWarnings = plan.Steps.Count - recorded.Count;
        return (run.RepeatedWarnings == 0 ? plan : plan with { Steps = recorded }, standing);
    }

    /// <summary>
    /// After the apply: warnings this run recorded stand from now on; standing ones it no longer found go, for the
    /// persons it judged (everyone on a full read; the persons read on a webhook or delta run).
    /// </summary>
    /// <param name="plan">The whole plan: every warning this run found, repeated ones included.</param>
    public async Task SettleAsync(SyncRun run, SyncPlan plan, Standing standing, CancellationToken ct)
    {
        var found = plan.Steps.Select(Key).OfType<(long Employee, string Code, Reason Reason)>().ToHashSet();
        var judged = plan.Partial ? plan.People.Select(p => p.Employee.Id).ToHashSet() : null;
        var gone = standing.Where(w => !found.Contains(w.Key) && (judged is null || judged.Contains(w.Key.Employee))).SelectMany(w => w.Value).ToList();
        var added = found.Where(k => !standing.ContainsKey(k)).ToList();
        if (gone.Count == 0 && added.Count == 0)
        {
            return;
        }

        await lease.HoldOrThrowAsync(run.CompanyId, run.Id, ct);
        await db.InTransactionAsync(async (_, c) =>
        {
            foreach (var chunk in gone.Chunk(500))
            {
                await db.StandingWarnings.Where(w => chunk.Contains(w.Id)).ExecuteDeleteAsync(c);
            }

            db.StandingWarnings.AddRange(added.Select(k => new StandingWarning
            {
                CompanyId = run.CompanyId, PersonioEmployeeId = k.Employee, ReasonCode = k.Code, Reason = k.Reason, SinceRunId = run.Id,
            }));
            await db.SaveChangesAsync(c);
        }, ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>A warning about a person (one Personio names); others (about the read as a whole) are recorded every time.</summary>
    private static (long Employee, string Code, Reason Reason)? Key(PlannedStep step) =>
        step is { Kind: Data.Sync.StepKind.Warn, EmployeeId: { } employee, ReasonCode: { } code, Reason: { } reason } ? (employee, code, reason) : null;
}
