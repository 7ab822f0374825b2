using Rollcall.Data.Audit;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Reasons;

namespace Rollcall.Sync;

/// <summary>
/// A run; <c>reason</c> is rendered in the caller's language (<c>Accept-Language</c>), <c>reasonCode</c> is stable.
/// <c>targeted</c>: the persons a webhook or delta run read; <c>corrections</c>: what a full read changed that the
/// webhook and delta paths had missed (null when they were not in use); <c>repeatedWarnings</c>: of <c>warnings</c>, those
/// an earlier run reported that still stand, not listed again among the steps.
/// </summary>
internal sealed record RunResponse(
    Guid Id, SyncTrigger Trigger, bool DryRun, RunState State, DateTime StartedAt, DateTime? FinishedAt, string? ReasonCode, string? Reason,
    int Read, int Created, int Updated, int Linked, int Deactivated, int Reactivated, int Skipped, int Warnings, int Held,
    string? DecidedBy, DateTime? DecidedAt, ImportRules? ProposedRules, int? Targeted, int? Corrections, int RepeatedWarnings)
{
    public static RunResponse From(SyncRun r) => new(r.Id, r.Trigger, r.DryRun, r.State, r.StartedAt, r.FinishedAt, r.Reason?.Code, r.Reason?.Render(),
        r.Read, r.Created, r.Updated, r.Linked, r.Deactivated, r.Reactivated, r.Skipped, r.Warnings, r.Held, r.DecidedBy, r.DecidedAt, r.ProposedRules,
        r.Targeted, r.Corrections, r.RepeatedWarnings);
}

/// <summary>A step; <c>reason</c> is rendered in the caller's language, <c>reasonCode</c> is stable.</summary>
internal sealed record StepResponse(
    long Id, StepKind Kind, StepStatus Status, long? PersonioEmployeeId, Guid? UserId, string? Subject, string? ReasonCode, string? Reason, IReadOnlyList<FieldChange> Changes)
{
    public static StepResponse From(SyncRunStep s) => new(s.Id, s.Kind, s.Status, s.PersonioEmployeeId, s.UserId, s.Subject, s.ReasonCode, s.Reason?.Render(), s.Changes);
}
