using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rollcall.Access;
using Rollcall.ConfigAudit;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;
using Rollcall.PaymentData;
using Rollcall.Personio;

namespace Rollcall.Sync;

/// <summary>
/// An admin's decisions on what a run held back: held deactivations (mass-change guard) and held payment-data changes
/// (payment guard), one by one or the whole run. Each decision is recorded on its step and in the configuration audit.
/// </summary>
internal sealed class SyncDecisions(
    RollcallDbContext db, SyncRunLease lease, GoneConfirmation gone, StoredCredentials stored, SyncApplier applier, TimeProvider time,
    PaymentDataSeal seal, ConfigurationAudit audit, PaymentChangeNotices paymentNotices)
{
    /// <summary>
    /// Applies every held change of the run, except for users a later change already moved on. Users held as gone
    /// (missing from Personio's list, never asked about one by one) are asked about first: only Personio's 404
    /// deactivates one; found, unanswered or beyond the run's confirmation reads, the user stays and the next run asks again.
    /// </summary>
    public async Task<Outcome<SyncRun>> ApproveAsync(Guid companyId, Guid runId, ClaimsPrincipal caller, CancellationToken ct) =>
        (await DecideAsync(companyId, runId, null, approve: true, caller, ct)).Select(d => d.Run);

    public async Task<Outcome<SyncRun>> RejectAsync(Guid companyId, Guid runId, ClaimsPrincipal caller, CancellationToken ct) =>
        (await DecideAsync(companyId, runId, null, approve: false, caller, ct)).Select(d => d.Run);

    /// <summary>
    /// Approves or rejects held steps of one run: <paramref name="stepIds"/>, or all of them (null, the whole run). An
    /// approved change is applied now if it still stands, else dropped with the reason; a rejected one is dropped. The
    /// run waits until none of its steps is held, then ends by the last decision (approved: succeeded, rejected: rejected).
    /// </summary>
    public async Task<Outcome<Decided>> DecideAsync(Guid companyId, Guid runId, IReadOnlyCollection<long>? stepIds, bool approve, ClaimsPrincipal caller,
        CancellationToken ct)
    {
        if (await HeldRunAsync(companyId, runId, ct) is not { } run)
        {
            return ProblemCodes.Conflict("not_waiting");
        }

        // A decision applies changes like a run does, so it takes the company's lease too: two decisions never both land.
        if (!await lease.TryTakeAsync(companyId, run.Id, ct))
        {
            return ProblemCodes.Conflict(approve ? "run_in_progress.approve" : "run_in_progress.decide");
        }

        try
        {
            var admin = caller.AsCause();
            var actor = caller.AsConfigActor();
            var goneAnswers = approve ? await AskAboutGoneAsync(companyId, runId, stepIds, ct) : [];
            var approvedBy = SyncApplier.CauseOf(run) with { Name = $"sync run {run.Id.ToString()[..8]}, approved by {admin.Name}" };
            // Retried whole after a blip; the run is read again inside (Reload attaches it after a retry cleared the tracker).
            var decided = await db.InTransactionAsync(async (_, c) =>
            {
                await db.Entry(run).ReloadAsync(c);
                if (run.State != RunState.NeedsApproval)
                {
                    return null;
                }

                var held = db.SyncRunSteps.Where(s => s.RunId == runId && s.Status == StepStatus.Held);
                var steps = await (stepIds is null ? held : held.Where(s => stepIds.Contains(s.Id))).OrderBy(s => s.Id).ToListAsync(c);
                var ids = steps.Select(s => s.UserId).OfType<Guid>().ToList();
                var users = await db.DirectoryUsers.Where(u => u.CompanyId == companyId && ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, c);
                db.Cause = approvedBy;
                var now = time.GetUtcNow().UtcDateTime;
                foreach (var step in steps)
                {
                    var user = step.UserId is { } id ? users.GetValueOrDefault(id) : null;
                    if (!approve)
                    {
                        step.Status = StepStatus.Dropped;
                    }
                    else if (step.Kind == StepKind.Deactivate)
                    {
                        ApproveDeactivation(run, step, user, goneAnswers);
                    }
                    else
                    {
                        await ApprovePaymentAsync(run, step, user, c);
                    }

                    step.DecidedBy = admin.Name;
                    step.DecidedAt = now;
                    audit.Record(db, companyId, actor, approve ? "approval.approved" : "approval.rejected", Subject(run, step),
                        [new FieldChange("status", "held", step.Status.ToString().ToLowerInvariant())]);
                }

                run.Held = await held.CountAsync(c) - steps.Count;
                if (run.Held <= 0)
                {
                    Decide(run, approve ? RunState.Succeeded : RunState.Rejected, admin, approve ? new Reason("approved", admin.Name) : new Reason("rejected", admin.Name));
                }

                await db.SaveChangesAsync(c);
                return steps;
            }, ct);
            if (decided is null)
            {
                return ProblemCodes.Conflict("not_waiting.any_more");
            }

            db.ChangeTracker.Clear();
            if (decided.Exists(s => s is { Kind: StepKind.Deactivate, Status: StepStatus.Applied }))
            {
                await applier.LinkManagersAsync(run, ct, approvedBy); // reports of a manager deactivated now lose the link
            }

            return new Decided(run, decided);
        }
        finally
        {
            await lease.ReleaseAsync(companyId, run.Id);
        }
    }

    private static void ApproveDeactivation(SyncRun run, SyncRunStep step, DirectoryUser? user, Dictionary<long, LookupOutcome> goneAnswers)
    {
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

    /// <summary>
    /// A held payment-data change applies only while it still stands: the user's values are still those the run saw, and
    /// nothing else changed the user since the run began. Otherwise it is dropped, saying so.
    /// </summary>
    private async Task ApprovePaymentAsync(SyncRun run, SyncRunStep step, DirectoryUser? user, CancellationToken ct)
    {
        var values = PaymentValues.Open(seal, step.SealedValues);
        var runId = run.Id.ToString();
        var changedSince = user is null || values is null
            || values.Fields.Any(f => !string.Equals(PaymentValues.ValueOf(user, f.Key, seal), f.Value.Before, StringComparison.Ordinal))
            || await db.AuditEntries.AnyAsync(a => a.UserId == user.Id && a.At >= run.StartedAt && a.CauseId != runId, ct);
        if (user is not { Source: UserSource.Personio } || changedSince)
        {
            step.Status = StepStatus.Dropped;
            step.Reason = Dropped(user is { Source: UserSource.Personio } ? "dropped.changed_since" : "dropped.not_applicable", step);
            return;
        }

        var noticeBefore = paymentNotices.Snapshot(user);
        foreach (var (field, value) in values!.Fields)
        {
            PaymentValues.Write(user, field, value.After, seal);
        }

        // The person and the admins learn of the change now that it applies, as for any other cause.
        paymentNotices.QueueIfChanged(user, noticeBefore, db.Cause ?? SyncApplier.CauseOf(run), run.Id, run.Id);

        step.Status = StepStatus.Applied;
        run.Updated++;
    }

    /// <summary>How a decision reads in the configuration audit: what, of whom, in which run (no payment data, no email).</summary>
    private static string Subject(SyncRun run, SyncRunStep step) =>
        $"{(step.Kind == StepKind.Deactivate ? "deactivation" : "payment data")} of {NameOf(step.Subject)} (run {run.Id.ToString()[..8]}, step {step.Id})";

    /// <summary>The name part of a step's subject ("First Last &lt;email&gt; (#id)"), without the email.</summary>
    internal static string NameOf(string? subject) =>
        subject is null ? "" : subject.IndexOf(" <", StringComparison.Ordinal) is var at and >= 0
            ? subject[..at] + (subject.LastIndexOf(" (#", StringComparison.Ordinal) is var id and > 0 && id > at ? subject[id..] : "")
            : subject;

    /// <summary>What Personio says, asked by id, about the employees of users held as gone among the steps decided; empty when none were.</summary>
    private async Task<Dictionary<long, LookupOutcome>> AskAboutGoneAsync(Guid companyId, Guid runId, IReadOnlyCollection<long>? stepIds, CancellationToken ct)
    {
        var held = db.SyncRunSteps.AsNoTracking().Where(s => s.RunId == runId && s.Status == StepStatus.Held && s.ReasonCode == "gone" && s.PersonioEmployeeId != null);
        var ids = await (stepIds is null ? held : held.Where(s => stepIds.Contains(s.Id))).Select(s => s.PersonioEmployeeId!.Value).ToListAsync(ct);
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
        run.Phase = RunPhase.Finished;
        run.Reason = reason;
        run.Held = 0;
        run.DecidedBy = admin.Name;
        run.DecidedAt = time.GetUtcNow().UtcDateTime;
    }
}

/// <summary>The run decided on, and the steps the decision touched (applied or dropped).</summary>
internal sealed record Decided(SyncRun Run, IReadOnlyList<SyncRunStep> Steps);
