using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;
using Rollcall.Sync;

namespace Rollcall.Approvals;

/// <summary>
/// The company's held changes, one row each (deactivations the mass-change guard held, payment-data changes the payment
/// guard held), and an admin's decision on one, on a run's or on all. Shared by the JSON API and the page; the decisions
/// themselves are <see cref="SyncDecisions"/>'.
/// </summary>
internal sealed class ApprovalInbox(RollcallDbContext db, SyncDecisions decisions)
{
    public async Task<List<HeldChange>> ListAsync(Guid companyId, Guid? runId, CancellationToken ct)
    {
        var rows = await db.SyncRunSteps.AsNoTracking()
            .Where(s => s.CompanyId == companyId && s.Status == StepStatus.Held && (runId == null || s.RunId == runId))
            .Join(db.SyncRuns.Where(r => r.State == RunState.NeedsApproval), s => s.RunId, r => r.Id, (s, r) => new { Step = s, r.StartedAt })
            .GroupJoin(db.DirectoryUsers, x => x.Step.UserId, u => (Guid?)u.Id, (x, users) => new { x.Step, x.StartedAt, users })
            .SelectMany(x => x.users.DefaultIfEmpty(), (x, u) => new
            {
                x.Step, x.StartedAt, FirstName = u == null ? null : u.FirstName, LastName = u == null ? null : u.LastName, Email = u == null ? null : u.Email,
            })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.StartedAt).ThenBy(r => r.Step.Id).Select(r => new HeldChange(
            r.Step.Id, r.Step.RunId, r.Step.Kind == StepKind.Deactivate ? HeldKind.Deactivation : HeldKind.PaymentData, r.Step.UserId,
            r.FirstName is null ? SyncDecisions.NameOf(r.Step.Subject) : $"{r.FirstName} {r.LastName}", r.Email, r.Step.PersonioEmployeeId,
            r.Step.ReasonCode, r.Step.Reason, r.Step.Changes, r.StartedAt)).ToList();
    }

    /// <summary>Approves or rejects one held change; the outcome says whether it was applied or dropped, and why.</summary>
    public async Task<Outcome<SyncRunStep>> DecideAsync(Guid companyId, long stepId, bool approve, ClaimsPrincipal caller, CancellationToken ct)
    {
        var step = await db.SyncRunSteps.AsNoTracking().SingleOrDefaultAsync(s => s.CompanyId == companyId && s.Id == stepId, ct);
        if (step is null)
        {
            return ProblemCodes.NotFound("not_found.approval");
        }

        if (step.Status != StepStatus.Held)
        {
            return ProblemCodes.Conflict("not_held");
        }

        var decided = await decisions.DecideAsync(companyId, step.RunId, [stepId], approve, caller, ct);
        return decided.Value is { Steps: [var one] } ? one : decided.Problem ?? ProblemCodes.Conflict("not_held");
    }

    /// <summary>Approves or rejects every held change of the company, or of one run; each run is decided under its own lease.</summary>
    public async Task<Outcome<DecisionSummary>> DecideAllAsync(Guid companyId, Guid? runId, bool approve, ClaimsPrincipal caller, CancellationToken ct)
    {
        var runs = await db.SyncRuns.AsNoTracking()
            .Where(r => r.CompanyId == companyId && r.State == RunState.NeedsApproval && (runId == null || r.Id == runId))
            .OrderBy(r => r.StartedAt).Select(r => r.Id).ToListAsync(ct);
        var summary = new DecisionSummary(0, 0, 0);
        foreach (var id in runs)
        {
            var decided = await decisions.DecideAsync(companyId, id, null, approve, caller, ct);
            if (decided.Value is not { } d)
            {
                return decided.Problem!;
            }

            summary = summary with
            {
                Runs = summary.Runs + 1,
                Applied = summary.Applied + d.Steps.Count(s => s.Status == StepStatus.Applied),
                Dropped = summary.Dropped + d.Steps.Count(s => s.Status == StepStatus.Dropped),
            };
        }

        return summary;
    }
}

internal enum HeldKind
{
    Deactivation,
    PaymentData,
}

/// <summary>A held change as an admin sees it: whose, what (payment data masked), why, since when.</summary>
internal sealed record HeldChange(
    long StepId, Guid RunId, HeldKind Kind, Guid? UserId, string Name, string? Email, long? PersonioEmployeeId, string? ReasonCode, Reason? Reason,
    IReadOnlyList<FieldChange> Changes, DateTime Since);

/// <summary>What deciding many held changes did: runs decided, changes applied, changes dropped (rejected, or no longer standing).</summary>
internal sealed record DecisionSummary(int Runs, int Applied, int Dropped);
