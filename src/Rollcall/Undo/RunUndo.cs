using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rollcall.Access;
using Rollcall.ConfigAudit;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;
using Rollcall.PaymentData;
using Rollcall.Sync;

namespace Rollcall.Undo;

/// <summary>
/// Undoes a run: every user it changed goes back to their state before it (whom it created is deactivated and their
/// unsent invitations withdrawn, whom it deactivated reactivated, changed fields restored, payment data from the step's
/// sealed values), as a run of its own (<see cref="SyncTrigger.Undo"/>) whose steps say what was restored. A user changed
/// again since (by anyone or any later run) is refused with the reason; the rest are still undone. Org data and the
/// manager link are not restored: the next full read sets them from Personio.
/// </summary>
internal sealed class RunUndo(RollcallDbContext db, SyncRunLease lease, PaymentDataSeal seal, ConfigurationAudit audit, TimeProvider time,
    PaymentChangeNotices paymentNotices)
{
    private static readonly StepKind[] Changing = [StepKind.Create, StepKind.Update, StepKind.Link, StepKind.Reactivate, StepKind.Deactivate];

    /// <summary>What an undo would restore, per user, and whom it would refuse and why; writes nothing.</summary>
    public async Task<Outcome<UndoPlan>> PreviewAsync(Guid companyId, Guid runId, CancellationToken ct)
    {
        var run = await db.SyncRuns.AsNoTracking().SingleOrDefaultAsync(r => r.CompanyId == companyId && r.Id == runId, ct);
        if (run is null)
        {
            return ProblemCodes.NotFound("not_found.run");
        }

        if (Refusal(run) is { } refused)
        {
            return refused;
        }

        var plan = await PlanAsync(run, track: false, ct);
        return plan.Items.Count == 0 ? ProblemCodes.Conflict("undo.nothing_applied") : plan;
    }

    /// <summary>Undoes the run under the company's lease, in one transaction; returns the undo run.</summary>
    public async Task<Outcome<SyncRun>> UndoAsync(Guid companyId, Guid runId, ClaimsPrincipal caller, CancellationToken ct)
    {
        var preview = await PreviewAsync(companyId, runId, ct);
        if (preview.Problem is { } problem)
        {
            return problem;
        }

        var undo = new SyncRun { Id = Guid.NewGuid(), CompanyId = companyId, Trigger = SyncTrigger.Undo, UndoOfRunId = runId, State = RunState.Running };
        if (!await lease.TryTakeAsync(companyId, undo.Id, ct))
        {
            return ProblemCodes.Conflict("run_in_progress.undo");
        }

        try
        {
            var admin = caller.AsCause();
            var done = await db.InTransactionAsync(async (_, c) =>
            {
                var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, c);
                if (Refusal(run) is not null)
                {
                    return false; // undone, or taken over, while the preview was read
                }

                var plan = await PlanAsync(run, track: true, c);
                var now = time.GetUtcNow().UtcDateTime;
                undo.StartedAt = now;
                db.SyncRuns.Add(undo);
                db.Cause = new ChangeCause(ChangeCauseKind.SyncRun, undo.Id.ToString(), $"undo of run {run.Id.ToString()[..8]} by {admin.Name}");
                foreach (var item in plan.Items)
                {
                    db.SyncRunSteps.Add(await ApplyAsync(undo, run, item, now, c));
                }

                run.UndoneByRunId = undo.Id;
                undo.State = RunState.Succeeded;
                undo.Phase = RunPhase.Finished;
                undo.FinishedAt = now;
                undo.Reason = new Reason("undo.done", run.Id.ToString()[..8], admin.Name);
                undo.Deactivated = plan.Restored.Count(i => i.Action == StepKind.Deactivate);
                undo.Reactivated = plan.Restored.Count(i => i.Action == StepKind.Reactivate);
                undo.Updated = plan.Restored.Count(i => i.Action == StepKind.Update);
                undo.Skipped = plan.Refused.Count();
                undo.DecidedBy = admin.Name;
                undo.DecidedAt = now;
                audit.Record(db, run.CompanyId, caller.AsConfigActor(), "run.undone", $"run {run.Id.ToString()[..8]}",
                    [new FieldChange("undoneBy", null, $"run {undo.Id.ToString()[..8]}"), new FieldChange("restored", null, plan.Restored.Count().ToString(CultureInfo.InvariantCulture)),
                     new FieldChange("refused", null, plan.Refused.Count().ToString(CultureInfo.InvariantCulture))]);
                await db.SaveChangesAsync(c);
                return true;
            }, ct);
            return done ? undo : ProblemCodes.Conflict("undo.already_undone");
        }
        finally
        {
            await lease.ReleaseAsync(companyId, undo.Id);
        }
    }

    /// <summary>Runs that cannot be undone at all, and why.</summary>
    private static Microsoft.AspNetCore.Mvc.ProblemDetails? Refusal(SyncRun run) => run switch
    {
        { DryRun: true } => ProblemCodes.Conflict("undo.dry_run"),
        { Trigger: SyncTrigger.Undo } => ProblemCodes.Conflict("undo.of_undo"),
        { UndoneByRunId: not null } => ProblemCodes.Conflict("undo.already_undone"),
        { State: RunState.Running } => ProblemCodes.Conflict("undo.running"),
        { State: RunState.NeedsApproval } => ProblemCodes.Conflict("undo.decide_first"),
        _ => null,
    };

    private async Task<UndoPlan> PlanAsync(SyncRun run, bool track, CancellationToken ct)
    {
        var steps = await db.SyncRunSteps.AsNoTracking()
            .Where(s => s.RunId == run.Id && s.Status == StepStatus.Applied && s.UserId != null && Changing.Contains(s.Kind))
            .OrderBy(s => s.Id).ToListAsync(ct);
        var ids = steps.Select(s => s.UserId!.Value).Distinct().ToList();
        var users = track
            ? await db.DirectoryUsers.Where(u => u.CompanyId == run.CompanyId && ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct)
            : await db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == run.CompanyId && ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var changedSince = await ChangedSinceAsync(run, ids, ct);
        var items = new List<UndoItem>();
        foreach (var group in steps.GroupBy(s => s.UserId!.Value))
        {
            var user = users.GetValueOrDefault(group.Key);
            var name = user is null ? SyncDecisions.NameOf(group.First().Subject) : $"{user.FirstName} {user.LastName}";
            var action = group.Any(s => s.Kind == StepKind.Create) ? StepKind.Deactivate
                : group.Any(s => s.Kind == StepKind.Deactivate) ? StepKind.Reactivate
                : StepKind.Update;
            var restore = Restoring(group);
            Reason? refused = user is null ? new Reason("undo.user_gone") : changedSince.Contains(group.Key) ? new Reason("undo.changed_since") : null;
            var shown = user is null ? [] : restore.Select(r => Shown(r.Key, UndoFields.ValueOf(user, r.Key, seal), r.Value)).Where(c => c.Before != c.After).ToList();
            items.Add(new UndoItem(group.Key, name, action, shown, refused, restore, action == StepKind.Deactivate));
        }

        return new UndoPlan(run, items);
    }

    /// <summary>
    /// The values before the run, from its steps' diffs (latest step first, so the earliest "before" wins) and, for
    /// payment data, from their sealed values: a created user is deactivated, a deactivated one gets their status back.
    /// </summary>
    private Dictionary<string, string?> Restoring(IEnumerable<SyncRunStep> steps)
    {
        var restore = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var step in steps.OrderByDescending(s => s.Id))
        {
            if (step.Kind == StepKind.Create)
            {
                restore[UndoFields.Status] = "deactivated";
                continue;
            }

            var payment = PaymentValues.Open(seal, step.SealedValues);
            foreach (var change in step.Changes.Where(c => UndoFields.Restorable.Contains(c.Field)))
            {
                if (!UndoFields.IsPayment(change.Field) || (payment is null && !UndoFields.IsMasked(change.Field)))
                {
                    restore[change.Field] = change.Before;
                }
            }

            foreach (var (field, value) in payment?.Fields ?? new Dictionary<string, PaymentChange>())
            {
                restore[field] = value.Before;
            }
        }

        return restore;
    }

    /// <summary>Users the run changed whom something else changed afterwards: an audit entry after the run's first for them, not the run's own.</summary>
    private async Task<HashSet<Guid>> ChangedSinceAsync(SyncRun run, List<Guid> ids, CancellationToken ct)
    {
        var runId = run.Id.ToString();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => ids.Contains(a.UserId) && (a.CauseId == runId || a.At >= run.StartedAt))
            .Select(a => new { a.Id, a.UserId, Own = a.CauseId == runId }).ToListAsync(ct);
        return entries.GroupBy(e => e.UserId)
            .Where(g => g.Where(e => e.Own).Select(e => (long?)e.Id).Min() is { } first ? g.Any(e => !e.Own && e.Id > first) : g.Any(e => !e.Own))
            .Select(g => g.Key).ToHashSet();
    }

    private static FieldChange Shown(string field, string? now, string? restored) =>
        UndoFields.IsMasked(field) ? new FieldChange(field, PaymentMask.Of(field, now), PaymentMask.Of(field, restored)) : new FieldChange(field, now, restored);

    private async Task<SyncRunStep> ApplyAsync(SyncRun undo, SyncRun run, UndoItem item, DateTime now, CancellationToken ct)
    {
        var step = new SyncRunStep
        {
            RunId = undo.Id, CompanyId = undo.CompanyId, UserId = item.UserId, Subject = item.Name, Changes = [.. item.Changes],
        };
        if (item.Refused is { } refused)
        {
            (step.Kind, step.Status, step.ReasonCode, step.Reason) = (StepKind.Skip, StepStatus.Noted, "undo_refused", refused);
            return step;
        }

        var user = await db.DirectoryUsers.SingleAsync(u => u.Id == item.UserId, ct);
        var payment = item.Restore.Where(r => UndoFields.IsPayment(r.Key))
            .ToDictionary(r => r.Key, r => new PaymentChange(UndoFields.ValueOf(user, r.Key, seal), r.Value), StringComparer.Ordinal);
        var noticeBefore = paymentNotices.Snapshot(user);
        foreach (var (field, value) in item.Restore)
        {
            UndoFields.Write(user, field, value, seal);
        }

        // Restoring an IBAN or creditor number is a change like any other: the person and the admins are told.
        paymentNotices.QueueIfChanged(user, noticeBefore, db.Cause!, undo.Id, undo.Id);

        if (item.WithdrawInvitations)
        {
            await WithdrawInvitationsAsync(user, now, ct);
        }

        step.PersonioEmployeeId = user.PersonioEmployeeId;
        (step.Kind, step.Status, step.ReasonCode, step.Reason) = (item.Action, StepStatus.Applied, "undo", new Reason("undo.restored", run.Id.ToString()[..8]));
        step.SealedValues = payment.Count == 0 ? null : new PaymentValues(payment).Seal(seal);
        return step;
    }

    /// <summary>A created user's invitations that have not gone out never will: their messages cancelled, their links revoked.</summary>
    private async Task WithdrawInvitationsAsync(DirectoryUser user, DateTime now, CancellationToken ct)
    {
        foreach (var message in await db.OutboxMessages.Where(m => m.UserId == user.Id && m.Kind == MessageKind.Invitation && m.State == MessageState.Pending).ToListAsync(ct))
        {
            message.State = MessageState.Cancelled;
            message.LastError = "Withdrawn: the run that invited this user was undone.";
            message.ClaimedBy = null;
            message.ClaimedUntil = null;
        }

        foreach (var invitation in await db.Invitations.Where(i => i.UserId == user.Id && i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(ct))
        {
            invitation.RevokedAt = now;
            invitation.ProtectedToken = null;
        }
    }
}
