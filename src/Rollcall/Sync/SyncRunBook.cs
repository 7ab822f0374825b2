using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Mail;
using Rollcall.Mail.Notifications;
using Rollcall.Personio;

namespace Rollcall.Sync;

/// <summary>
/// A run's record: its start (and the crashed runs it finds), its warnings about the read, its counts, how it ends
/// (succeeded, held, failed, credentials rejected) and the notifications that go with an ending. The engine
/// decides; this type writes it down.
/// </summary>
internal sealed class SyncRunBook(RollcallDbContext db, MailQueue mail, TimeProvider time, SyncMetrics metrics, RunProgress progress)
{
    /// <summary>Records a running run. One still marked running holds no lease any more: it crashed, and is failed.</summary>
    public async Task<SyncRun> BeginAsync(Guid runId, Guid companyId, SyncTrigger trigger, bool dryRun, CancellationToken ct, ImportRules? proposedRules = null)
    {
        var run = new SyncRun
        {
            Id = runId, CompanyId = companyId, Trigger = trigger, DryRun = dryRun, State = RunState.Running, StartedAt = Now(), ProposedRules = proposedRules,
        };
        // Its batches stay; this run completes the work.
        await InterruptAsync(db.SyncRuns.Where(r => r.CompanyId == companyId), ct);
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    /// <summary>Records <paramref name="runs"/> still marked running as interrupted: they hold no lease any more.</summary>
    public Task InterruptAsync(IQueryable<SyncRun> runs, CancellationToken ct)
    {
        var now = Now();
        return runs.Where(r => r.State == RunState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RunState.Failed)
                .SetProperty(r => r.Phase, RunPhase.Finished)
                .SetProperty(r => r.Reason, new Reason("interrupted"))
                .SetProperty(r => r.FinishedAt, now), ct);
    }

    /// <summary>A read that had to walk Personio's list more than once, or was completed by targeted reads, says so on the run: admins see HR's list moved under it.</summary>
    public void NoteUnsettledRead(SyncRun run, EmployeeList read)
    {
        if (read is { Passes: 1, Consistent: true })
        {
            return;
        }

        run.Warnings++;
        var seen = PersonioClient.Describe(read.Disturbances);
        db.SyncRunSteps.Add(new SyncRunStep
        {
            RunId = run.Id, CompanyId = run.CompanyId, Kind = StepKind.Warn, Status = StepStatus.Noted, ReasonCode = "read_unsettled", Subject = "Personio",
            Reason = read.Consistent
                ? new Reason("read_unsettled.consistent", seen, read.Passes)
                : new Reason("read_unsettled.completed", read.Passes, seen, read.Rechecked),
        });
    }

    /// <summary>A run whose plan was applied: held runs superseded, the first sync noted, admins told of a held plan.</summary>
    public async Task CompleteAsync(SyncRun run, SyncPlan plan, CancellationToken ct)
    {
        var integration = await db.PersonioIntegrations.SingleAsync(i => i.CompanyId == run.CompanyId, ct);
        if (!plan.Partial)
        {
            // A webhook or delta run judged a few persons only: a held full run's deactivations still wait for an admin.
            await SupersedeHeldRunsAsync(run, ct);
            run.Corrections = await FasterPathsInUseAsync(run, integration, ct) ? Corrections(plan) : null;
        }
        else
        {
            await SupersedeHeldPaymentsAsync(run, plan, ct);
        }

        integration.FirstSyncAt ??= Now();
        if (plan.NeedsApproval)
        {
            await mail.NotifyAdminsAsync(run.CompanyId, new ApprovalNeeded(run.Id, run.Held), ct);
        }

        await FinishAsync(run, plan.NeedsApproval ? RunState.NeedsApproval : RunState.Succeeded, HeldReason(plan));
    }

    /// <summary>Why a run waits for an admin: held deactivations, held payment-data changes, or both.</summary>
    private static Reason? HeldReason(SyncPlan plan)
    {
        var deactivations = plan.GuardTripped ? plan.Count(StepKind.Deactivate) : 0;
        var payments = plan.Steps.Count(s => s.Hold);
        return (deactivations, payments) switch
        {
            ( > 0, > 0) => new Reason("held.both", deactivations, payments),
            ( > 0, _) => new Reason("held", deactivations),
            (_, > 0) => new Reason("held.payment", payments),
            _ => null,
        };
    }

    /// <summary>
    /// Whether the event or delta path stood in for full reads since the company's previous full read: a webhook token
    /// was issued, a webhook registered, or a webhook or delta run happened since. Then what a full read changes is drift.
    /// </summary>
    private async Task<bool> FasterPathsInUseAsync(SyncRun run, PersonioIntegration integration, CancellationToken ct)
    {
        if (integration.WebhookTokenHash is not null || integration.WebhookId is not null)
        {
            return true;
        }

        var previous = await db.SyncRuns.AsNoTracking()
            .Where(r => r.CompanyId == run.CompanyId && r.Id != run.Id && !r.DryRun && r.Trigger != SyncTrigger.Webhook && r.Trigger != SyncTrigger.Delta
                        && (r.State == RunState.Succeeded || r.State == RunState.NeedsApproval || r.State == RunState.Rejected))
            .OrderByDescending(r => r.StartedAt).Select(r => (DateTime?)r.StartedAt).FirstOrDefaultAsync(ct);
        return await db.SyncRuns.AnyAsync(r => r.CompanyId == run.CompanyId && (r.Trigger == SyncTrigger.Webhook || r.Trigger == SyncTrigger.Delta)
                                               && (previous == null || r.StartedAt > previous), ct);
    }

    /// <summary>The changes a full read applies (held deactivations not counted); org units only being named is no drift.</summary>
    private static int Corrections(SyncPlan plan) => plan.Steps.Count(s => s.Kind switch
    {
        StepKind.Create or StepKind.Link or StepKind.Reactivate => true,
        StepKind.Update => !s.NamesOnly && !s.Hold,
        StepKind.Deactivate => !plan.GuardTripped,
        _ => false,
    });

    private async Task SupersedeHeldRunsAsync(SyncRun run, CancellationToken ct)
    {
        var older = await db.SyncRuns.Where(r => r.CompanyId == run.CompanyId && r.State == RunState.NeedsApproval && r.Id != run.Id).Select(r => r.Id).ToListAsync(ct);
        await db.SyncRunSteps.Where(s => older.Contains(s.RunId) && s.Status == StepStatus.Held)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, StepStatus.Dropped), ct);
        await db.SyncRuns.Where(r => older.Contains(r.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, RunState.Rejected)
            .SetProperty(r => r.Phase, RunPhase.Finished)
            .SetProperty(r => r.Reason, new Reason("superseded", run.Id.ToString())), ct);
    }

    /// <summary>
    /// A webhook or delta run re-planned the persons it read: their payment-data changes held by older runs are dropped
    /// (this run held them again, or no longer plans them); an older run left with nothing held ends superseded.
    /// </summary>
    private async Task SupersedeHeldPaymentsAsync(SyncRun run, SyncPlan plan, CancellationToken ct)
    {
        var read = plan.People.Select(p => p.Employee.Id).ToList();
        var older = db.SyncRuns.Where(r => r.CompanyId == run.CompanyId && r.State == RunState.NeedsApproval && r.Id != run.Id).Select(r => r.Id);
        var dropped = await db.SyncRunSteps.Where(s => older.Contains(s.RunId) && s.Status == StepStatus.Held && s.Kind == StepKind.Update
                                                       && s.PersonioEmployeeId != null && read.Contains(s.PersonioEmployeeId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, StepStatus.Dropped), ct);
        if (dropped == 0)
        {
            return;
        }

        var emptied = await older.Where(id => !db.SyncRunSteps.Any(s => s.RunId == id && s.Status == StepStatus.Held)).ToListAsync(ct);
        await db.SyncRuns.Where(r => emptied.Contains(r.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, RunState.Rejected)
            .SetProperty(r => r.Phase, RunPhase.Finished)
            .SetProperty(r => r.Held, 0)
            .SetProperty(r => r.Reason, new Reason("superseded", run.Id.ToString())), ct);
    }

    /// <summary>Personio refused the stored credentials: the integration shows it, admins are told, nothing changes.</summary>
    public async Task RejectCredentialsAsync(SyncRun run, PersonioIntegration integration, CancellationToken ct)
    {
        integration.State = IntegrationState.CredentialsRejected;
        integration.RejectedAt = Now();
        await mail.NotifyAdminsAsync(run.CompanyId, new CredentialsRejected(run.CompanyId, integration.ConnectedAt), ct);
        try
        {
            await FinishAsync(run, RunState.Failed, new Reason("credentials_rejected.run"));
        }
        catch (DbUpdateConcurrencyException)
        {
            // An admin saved new credentials while this run read with the old ones: the new ones stand.
            await FinishAsync(run, RunState.Failed, new Reason("credentials_rejected.replaced"), discardPending: true);
        }
    }

    /// <summary>A failed run; admins hear when it is the second failure in a row.</summary>
    public async Task FailAsync(SyncRun run, Reason reason, string topic, string detail, CancellationToken ct)
    {
        var previous = await db.SyncRuns.AsNoTracking()
            .Where(r => r.CompanyId == run.CompanyId && !r.DryRun && r.Id != run.Id && r.State != RunState.Running)
            .OrderByDescending(r => r.StartedAt).Take(2).ToListAsync(ct);
        if (!run.DryRun && previous is [{ State: RunState.Failed } last, ..] && previous.ElementAtOrDefault(1)?.State != RunState.Failed)
        {
            await mail.NotifyAdminsAsync(run.CompanyId, new RunsFailing(run.CompanyId, last.Id, run.Id, topic, detail), ct);
        }

        await FinishAsync(run, RunState.Failed, reason);
    }

    /// <summary>
    /// Attributes Personio does not let the credential read; their fields keep their values. A mapped attribute is a
    /// warning on every run and one email per change of the set; an org attribute (office, department…) is a warning
    /// when the set of unreadable org attributes changes: org data is optional, and a credential that never could read
    /// it should be told once, not every night.
    /// </summary>
    public async Task NoteUnreadableAsync(SyncRun run, PersonioIntegration integration, HashSet<string> unreadable, CancellationToken ct)
    {
        var before = (integration.UnreadableAttributes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var org = unreadable.Where(PersonioOrganisation.Attributes.Contains).Order(StringComparer.Ordinal).ToList();
        var mapped = unreadable.Except(org).Order(StringComparer.Ordinal).ToList();
        if (mapped.Count > 0)
        {
            Warn(run, "Attribute mapping", new Reason("attribute_unreadable", string.Join(",", mapped)));
            if (!mapped.ToHashSet().SetEquals(before.Except(PersonioOrganisation.Attributes)) && !run.DryRun)
            {
                await mail.NotifyAdminsAsync(run.CompanyId, new AttributesUnreadable(run.CompanyId, mapped, run.Id), ct);
            }
        }

        if (org.Count > 0 && !org.ToHashSet().SetEquals(before.Intersect(PersonioOrganisation.Attributes)))
        {
            Warn(run, "Attribute mapping", new Reason("org_unreadable", string.Join(", ", org)));
        }

        if (!run.DryRun)
        {
            integration.UnreadableAttributes = unreadable.Count == 0 ? null : string.Join(",", unreadable.Order(StringComparer.Ordinal));
        }

        await db.SaveChangesAsync(ct);
    }

    private void Warn(SyncRun run, string subject, Reason reason)
    {
        run.Warnings++;
        db.SyncRunSteps.Add(new SyncRunStep
        {
            RunId = run.Id, CompanyId = run.CompanyId, Kind = StepKind.Warn, Status = StepStatus.Noted, ReasonCode = reason.Code, Subject = subject, Reason = reason,
        });
    }

    /// <summary>
    /// Saves the run's end together with whatever the caller queued (notifications, integration state): its last progress,
    /// its requests to Personio and, unless a preview, the company's users by status as the run leaves them.
    /// </summary>
    public async Task FinishAsync(SyncRun run, RunState state, Reason? reason, bool discardPending = false)
    {
        if (discardPending)
        {
            db.ChangeTracker.Clear();
        }

        if (!run.DryRun)
        {
            await CountUsersAsync(run);
        }

        if (db.Entry(run).State == EntityState.Detached)
        {
            db.SyncRuns.Update(run);
        }

        run.State = state;
        run.Phase = state == RunState.NeedsApproval ? RunPhase.WaitingForApproval : RunPhase.Finished;
        run.Reason = reason;
        run.FinishedAt = Now();
        progress.Settle(run);
        await db.SaveChangesAsync(CancellationToken.None);
        metrics.RunEnded(run);
    }

    /// <summary>The company's users by status, one grouped count: the trends' points.</summary>
    private async Task CountUsersAsync(SyncRun run)
    {
        var counts = await db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == run.CompanyId)
            .GroupBy(u => u.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(CancellationToken.None);
        int Of(UserStatus status) => counts.SingleOrDefault(c => c.Status == status)?.Count ?? 0;
        run.UsersActive = Of(UserStatus.Active);
        run.UsersInvited = Of(UserStatus.Invited);
        run.UsersDeactivated = Of(UserStatus.Deactivated);
    }

    /// <summary>The run's counts from its plan (held deactivations are counted as held, not as done).</summary>
    public static void Count(SyncRun run, SyncPlan plan, int read)
    {
        run.Read = read;
        run.Created = plan.Count(StepKind.Create);
        run.Updated = plan.Steps.Count(s => s.Kind == StepKind.Update && !s.Hold);
        run.Linked = plan.Count(StepKind.Link);
        run.Reactivated = plan.Count(StepKind.Reactivate);
        run.Deactivated = plan.GuardTripped ? 0 : plan.Count(StepKind.Deactivate);
        run.Held = (plan.GuardTripped ? plan.Count(StepKind.Deactivate) : 0) + plan.Steps.Count(s => s.Hold);
        run.Skipped = plan.Count(StepKind.Skip) + plan.IgnoredByReason.Values.Sum();
        run.Warnings += plan.Count(StepKind.Warn);
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
