using Rollcall.Data.Audit;
using Rollcall.Data.Sync;

namespace Rollcall.Sync;

internal sealed record RunResponse(
    Guid Id, SyncTrigger Trigger, bool DryRun, RunState State, DateTime StartedAt, DateTime? FinishedAt, string? Reason,
    int Read, int Created, int Updated, int Linked, int Deactivated, int Reactivated, int Skipped, int Warnings, int Held,
    string? DecidedBy, DateTime? DecidedAt)
{
    public static RunResponse From(SyncRun r) => new(r.Id, r.Trigger, r.DryRun, r.State, r.StartedAt, r.FinishedAt, r.Reason,
        r.Read, r.Created, r.Updated, r.Linked, r.Deactivated, r.Reactivated, r.Skipped, r.Warnings, r.Held, r.DecidedBy, r.DecidedAt);
}

internal sealed record StepResponse(
    long Id, StepKind Kind, StepStatus Status, long? PersonioEmployeeId, Guid? UserId, string? Subject, string? ReasonCode, string? Reason, IReadOnlyList<FieldChange> Changes)
{
    public static StepResponse From(SyncRunStep s) => new(s.Id, s.Kind, s.Status, s.PersonioEmployeeId, s.UserId, s.Subject, s.ReasonCode, s.Reason, s.Changes);
}
