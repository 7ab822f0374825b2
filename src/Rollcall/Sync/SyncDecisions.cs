using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;
using Rollcall.Personio;

namespace Rollcall.Sync;

/// <summary>An admin's approval or rejection of a run the mass-change guard held back.</summary>
internal sealed class SyncDecisions(RollcallDbContext db, SyncRunLease lease, GoneConfirmation gone, StoredCredentials stored, SyncApplier applier, TimeProvider time)
{
    /// <summary>
    /// Applies the held deactivations, except for users a later change already moved on. Users held as gone (missing
    /// from Personio's list, never asked about one by one) are asked about first: only Personio's 404 deactivates one;
    /// found, unanswered or beyond the run's confirmation reads, the user stays and the next run asks again.
    /// </summary>
    public async Task<Outcome<SyncRun>> ApproveAsync(Guid companyId, Guid runId, ChangeCause admin, CancellationToken ct)
    {
        if (await HeldRunAsync(companyId, runId, ct) is not { } run)
        {
            return ProblemCodes.Conflict("not_waiting");
        }

        // The approval applies changes like a run does, so it takes the company's lease too.
        if (!await lease.TryTakeAsync(companyId, run.Id, ct))
        {
            return ProblemCodes.Conflict("run_in_progress.approve");
        }

        try
        {
            var goneAnswers = await AskAboutGoneAsync(companyId, runId, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Entry(run).ReloadAsync(ct);
            if (run.State != RunState.NeedsApproval)
            {
                return ProblemCodes.Conflict("not_waiting.any_more");
            }

            var steps = await db.SyncRunSteps.Where(s => s.RunId == runId && s.Status == StepStatus.Held).ToListAsync(ct);
            var ids = steps.Select(s => s.UserId).OfType<Guid>().ToList();
            var users = await db.DirectoryUsers.Where(u => u.CompanyId == companyId && ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
            var approvedBy = SyncApplier.CauseOf(run) with { Name = $"sync run {run.Id.ToString()[..8]}, approved by {admin.Name}" };
            db.Cause = approvedBy;
            foreach (var step in steps)
            {
                var user = step.UserId is { } id ? users.GetValueOrDefault(id) : null;
                LookupOutcome? answer = step.PersonioEmployeeId is { } employeeId && goneAnswers.TryGetValue(employeeId, out var said) ? said : null;
                if (step.ReasonCode == "gone" && answer != LookupOutcome.NotFound)
                {
                    step.Status = StepStatus.Dropped;
                    step.Reason = Dropped(answer == LookupOutcome.Found ? "dropped.still_in_personio" : "dropped.unconfirmed", step);
                }
                else if (user is { Source: UserSource.Personio, Status: not UserStatus.Deactivated })
                {
                    user.Status = UserStatus.Deactivated;
                    step.Status = StepStatus.Applied;
                    run.Deactivated++;
                }
                else
                {
                    step.Status = StepStatus.Dropped;
                    step.Reason = Dropped("dropped.not_applicable", step);
                }
            }

            Decide(run, RunState.Succeeded, admin, new Reason("approved", admin.Name));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            await applier.LinkManagersAsync(run, ct, approvedBy); // reports of a manager deactivated now lose the link
            return run;
        }
        finally
        {
            await lease.ReleaseAsync(companyId, run.Id);
        }
    }

    public async Task<Outcome<SyncRun>> RejectAsync(Guid companyId, Guid runId, ChangeCause admin, CancellationToken ct)
    {
        if (await HeldRunAsync(companyId, runId, ct) is not { } run)
        {
            return ProblemCodes.Conflict("not_waiting");
        }

        // Under the company's lease, so an approval and a rejection of the same run cannot both land.
        if (!await lease.TryTakeAsync(companyId, run.Id, ct))
        {
            return ProblemCodes.Conflict("run_in_progress.decide");
        }

        try
        {
            await db.Entry(run).ReloadAsync(ct);
            if (run.State != RunState.NeedsApproval)
            {
                return ProblemCodes.Conflict("not_waiting.any_more");
            }

            await db.SyncRunSteps.Where(s => s.RunId == runId && s.Status == StepStatus.Held)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, StepStatus.Dropped), ct);
            Decide(run, RunState.Rejected, admin, new Reason("rejected", admin.Name));
            await db.SaveChangesAsync(ct);
            return run;
        }
        finally
        {
            await lease.ReleaseAsync(companyId, run.Id);
        }
    }

    /// <summary>What Personio says, asked by id, about the employees of users the run held as gone; empty when none were.</summary>
    private async Task<Dictionary<long, LookupOutcome>> AskAboutGoneAsync(Guid companyId, Guid runId, CancellationToken ct)
    {
        var ids = await db.SyncRunSteps.AsNoTracking()
            .Where(s => s.RunId == runId && s.Status == StepStatus.Held && s.ReasonCode == "gone" && s.PersonioEmployeeId != null)
            .Select(s => s.PersonioEmployeeId!.Value).ToListAsync(ct);
        var integration = ids.Count == 0 ? null : await db.PersonioIntegrations.AsNoTracking().SingleOrDefaultAsync(i => i.CompanyId == companyId, ct);
        if (integration is null || (await stored.ReadAsync(integration, ct)).Credentials is not { } credentials)
        {
            return []; // no credentials, or a secret that can no longer be decrypted: nobody is confirmed gone
        }

        try
        {
            return (await gone.AskAsync(credentials, ids, [], ct)).ToDictionary(a => a.Id, a => a.Lookup.Outcome);
        }
        catch (PersonioException)
        {
            return []; // rejected credentials: nobody is confirmed gone
        }
    }

    private Task<SyncRun?> HeldRunAsync(Guid companyId, Guid runId, CancellationToken ct) =>
        db.SyncRuns.SingleOrDefaultAsync(r => r.CompanyId == companyId && r.Id == runId && r.State == RunState.NeedsApproval, ct);

    /// <summary>A held step's reason, with why the approval did not apply it.</summary>
    private static Reason Dropped(string key, SyncRunStep step) => step.Reason is { } held ? new Reason(key, held) : new Reason(key, "");

    private void Decide(SyncRun run, RunState state, ChangeCause admin, Reason reason)
    {
        run.State = state;
        run.Reason = reason;
        run.Held = 0;
        run.DecidedBy = admin.Name;
        run.DecidedAt = time.GetUtcNow().UtcDateTime;
    }
}
