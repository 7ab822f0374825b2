using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Bulk;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Invitations;
using Rollcall.Mail;
using Rollcall.PaymentData;

namespace Rollcall.Sync;

/// <summary>
/// Writes a plan: in batches, each one transaction holding the users' changes, their audit entries, the queued
/// invitations and the run's step records. A crash leaves whole batches; the next run plans the rest. A batch is built in
/// the change tracker and written set-based by <see cref="IBatchWriter"/> (with the users' audit entries), not by SaveChanges.
/// </summary>
internal sealed class SyncApplier(RollcallDbContext db, InvitationQueue invitationQueue, SyncRunLease lease, IOptions<SyncOptions> options, SyncMetrics metrics,
    PaymentDataSeal seal, PaymentChangeNotices paymentNotices, IBatchWriter writer, RunProgress progress)
{
    public static ChangeCause CauseOf(SyncRun run) => new(ChangeCauseKind.SyncRun, run.Id.ToString(), $"sync run {run.Id.ToString()[..8]}");

    /// <summary>A dry run: the steps are recorded as planned, nothing else is written.</summary>
    public async Task RecordPreviewAsync(SyncRun run, SyncPlan plan, CancellationToken ct)
    {
        await progress.ApplyingAsync(run, plan.Steps.Count, ct);
        foreach (var batch in plan.Steps.Chunk(options.Value.BatchSize))
        {
            await db.InTransactionAsync(async (_, c) =>
            {
                db.SyncRunSteps.AddRange(batch.Select(step => Record(run, step, StepStatus.Planned)));
                await writer.SaveAsync(db, c);
            }, ct);
            db.ChangeTracker.Clear();
            var counts = SyncMetrics.NewStepCounts();
            foreach (var step in batch)
            {
                counts[SyncMetrics.Slot(step.Kind, StepStatus.Planned)]++;
            }

            metrics.StepsWritten(counts);
            await progress.AppliedAsync(run, batch.Length, ct);
        }
    }

    public async Task ApplyAsync(SyncRun run, SyncPlan plan, CancellationToken ct)
    {
        await progress.ApplyingAsync(run, plan.Steps.Count, ct);
        db.Cause = CauseOf(run);
        var managers = await ManagerLinks.LoadAsync(db, run.CompanyId, ct);
        foreach (var batch in ManagerLinks.ManagersFirst(plan.Steps).Chunk(options.Value.BatchSize))
        {
            await lease.HoldOrThrowAsync(run.CompanyId, run.Id, ct);
            // Retried whole after a blip: users are read again and the run's invitations counted again from what committed.
            var counts = SyncMetrics.NewStepCounts();
            await db.InTransactionAsync(async (_, c) =>
            {
                counts = SyncMetrics.NewStepCounts(); // an attempt rolled back counts nothing, and links nothing
                managers.BeginAttempt();
                var invitations = await invitationQueue.ForRunAsync(run.CompanyId, run.Id, c, recount: true);
                var ids = batch.Where(s => s.UserId is not null).Select(s => s.UserId!.Value).Distinct().ToList();
                var users = await db.DirectoryUsers.Where(u => u.CompanyId == run.CompanyId && ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, c);
                foreach (var step in batch)
                {
                    var (status, userId) = Apply(run, step, users, invitations, plan.GuardTripped, managers);
                    // Payment data before and after, sealed: a held change is applied from it on approval, an applied one undone.
                    db.SyncRunSteps.Add(Record(run, step with { UserId = userId }, status, step.Payment?.Seal(seal)));
                    counts[SyncMetrics.Slot(step.Kind, status)]++;
                }

                await writer.SaveAsync(db, c);
            }, ct);
            db.ChangeTracker.Clear();
            managers.Committed();
            metrics.StepsWritten(counts);
            await progress.AppliedAsync(run, batch.Length, ct); // between batches: never inside a batch's transaction
        }
    }

    private (StepStatus Status, Guid? UserId) Apply(
        SyncRun run, PlannedStep step, Dictionary<Guid, DirectoryUser> users, RunInvitations invitations, bool guardTripped, ManagerLinks managers)
    {
        switch (step.Kind)
        {
            case StepKind.Update when step.Hold:
                return (StepStatus.Held, step.UserId);
            case StepKind.Create:
                var created = new DirectoryUser
                {
                    Id = Guid.NewGuid(),
                    CompanyId = run.CompanyId,
                    FirstName = step.Desired!.FirstName,
                    LastName = step.Desired.LastName,
                    Email = step.Desired.Email,
                    Status = UserStatus.Invited,
                    Role = UserRole.Member,
                    Source = UserSource.Personio,
                    PersonioEmployeeId = step.EmployeeId,
                };
                Write(created, step.Desired);
                managers.Written(created, link: true);
                db.DirectoryUsers.Add(created);
                invitations.Invite(created);
                return (StepStatus.Applied, created.Id);
            case StepKind.Update or StepKind.Link or StepKind.Reactivate:
                var user = users[step.UserId!.Value];
                var paymentBefore = paymentNotices.Snapshot(user);
                var wasInvitable = user.Status == UserStatus.Deactivated;
                var emailChanged = false;
                user.FirstName = step.Desired!.FirstName;
                user.LastName = step.Desired.LastName;
                if (user.NormalizedEmail != DirectoryUser.NormalizeEmail(step.Desired.Email))
                {
                    user.Email = step.Desired.Email; // a change of case alone is no change (and not in the plan)
                    emailChanged = true;
                }

                Write(user, step.Desired);
                user.Source = UserSource.Personio;
                user.PersonioEmployeeId = step.EmployeeId;
                user.Status = step.NewStatus ?? user.Status;
                managers.Written(user, link: true);
                // Re-invited after a reactivation, or invited again at a new address (the old link dies with the old address).
                if (user.Status == UserStatus.Invited && (wasInvitable || emailChanged))
                {
                    invitations.Invite(user);
                }

                paymentNotices.QueueIfChanged(user, paymentBefore, db.Cause ?? CauseOf(run), run.Id, run.Id);

                return (StepStatus.Applied, user.Id);
            case StepKind.Deactivate when guardTripped:
                return (StepStatus.Held, step.UserId);
            case StepKind.Deactivate:
                users[step.UserId!.Value].Status = UserStatus.Deactivated;
                managers.Written(users[step.UserId!.Value], link: false);
                return (StepStatus.Applied, step.UserId);
            default:
                return (StepStatus.Noted, step.UserId);
        }
    }

    private void Write(DirectoryUser user, DesiredUser desired)
    {
        user.EmploymentType = desired.EmploymentType;
        foreach (var (field, value) in desired.Optional)
        {
            field.Write(user, value, seal);
        }

        desired.Org.WriteTo(user);
    }

    /// <summary>
    /// Links each Personio user to the user of their supervisor, once every user of the run exists. The batches link
    /// whom they can (<see cref="ManagerLinks"/>); this pass mends the rest: a manager created in a later batch than
    /// their reports, or deactivated after they were linked. The manager is the supervisor's user when that user is active or
    /// invited; otherwise the link is empty (the planner warned about it). In batches like the apply (each one
    /// transaction under the run's lease; links are idempotent, so a crash leaves the rest to the next run), audited as
    /// <paramref name="cause"/> (the run, or an admin's approval of it).
    /// </summary>
    public async Task LinkManagersAsync(SyncRun run, CancellationToken ct, ChangeCause? cause = null)
    {
        var users = await db.DirectoryUsers.AsNoTracking().Where(u => u.CompanyId == run.CompanyId && u.Source == UserSource.Personio)
            .Select(u => new { u.Id, u.PersonioEmployeeId, u.SupervisorEmployeeId, u.ManagerId, u.Status }).ToListAsync(ct);
        var byEmployee = users.Where(u => u.PersonioEmployeeId is not null && u.Status != UserStatus.Deactivated)
            .ToDictionary(u => u.PersonioEmployeeId!.Value, u => u.Id);
        var changed = users
            .Select(u => (u.Id, u.ManagerId, Wanted: u.SupervisorEmployeeId is { } s && byEmployee.TryGetValue(s, out var manager) && manager != u.Id ? manager : (Guid?)null))
            .Where(u => u.ManagerId != u.Wanted)
            .ToDictionary(u => u.Id, u => u.Wanted);
        if (changed.Count == 0)
        {
            return;
        }

        db.Cause = cause ?? CauseOf(run);
        foreach (var chunk in changed.Keys.Chunk(options.Value.BatchSize))
        {
            await lease.HoldOrThrowAsync(run.CompanyId, run.Id, ct);
            await db.InTransactionAsync(async (_, c) =>
            {
                foreach (var user in await db.DirectoryUsers.Where(u => chunk.Contains(u.Id)).ToListAsync(c))
                {
                    user.ManagerId = changed[user.Id];
                }

                await writer.SaveAsync(db, c); // set-based, audited like the batches
            }, ct);
            db.ChangeTracker.Clear();
        }
    }

    internal static SyncRunStep Record(SyncRun run, PlannedStep step, StepStatus status, string? sealedValues = null) => new()
    {
        SealedValues = sealedValues,
        RunId = run.Id,
        CompanyId = run.CompanyId,
        Kind = step.Kind,
        PersonioEmployeeId = step.EmployeeId,
        UserId = step.UserId,
        Subject = SyncPlanner.Clamp(step.Subject, SyncRunStep.SubjectLength),
        ReasonCode = step.ReasonCode,
        Reason = step.Reason,
        Changes = step.Changes.ToList(),
        Status = status,
    };
}
