using Rollcall.Data.Audit;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Reasons;

namespace Rollcall.Sync;

/// <summary>
/// A run; <c>reason</c> is rendered in the caller's language (<c>Accept-Language</c>), <c>reasonCode</c> is stable.
/// <c>targeted</c>: the persons a webhook or delta run read; <c>corrections</c>: what a full read changed that the
/// webhook and delta paths had missed (null when they were not in use); <c>repeatedWarnings</c>: of <c>warnings</c>, those
/// an earlier run reported that still stand, not listed again among the steps. Progress, written as the run moves (by
/// whichever node runs it): <c>phase</c>, <c>pagesRead</c> of <c>pagesTotal</c> (null when unknown), <c>stepsApplied</c> of
/// <c>stepsPlanned</c>, <c>progressAt</c> (when last written), <c>elapsedSeconds</c> (to its end, or to now while it runs),
/// <c>personioRequests</c> (every attempt) and <c>personioThrottled</c> (Personio's 429s among them).
/// </summary>
internal sealed record RunResponse(
    Guid Id, SyncTrigger Trigger, bool DryRun, RunState State, DateTime StartedAt, DateTime? FinishedAt, string? ReasonCode, string? Reason,
    int Read, int Created, int Updated, int Linked, int Deactivated, int Reactivated, int Skipped, int Warnings, int Held,
    string? DecidedBy, DateTime? DecidedAt, ImportRules? ProposedRules, int? Targeted, int? Corrections, int RepeatedWarnings,
    RunPhase Phase, int PagesRead, int? PagesTotal, int StepsApplied, int StepsPlanned, DateTime? ProgressAt, long ElapsedSeconds,
    int PersonioRequests, int PersonioThrottled)
{
    public static RunResponse From(SyncRun r, TimeProvider time) => new(r.Id, r.Trigger, r.DryRun, r.State, r.StartedAt, r.FinishedAt, r.Reason?.Code, r.Reason?.Render(),
        r.Read, r.Created, r.Updated, r.Linked, r.Deactivated, r.Reactivated, r.Skipped, r.Warnings, r.Held, r.DecidedBy, r.DecidedAt, r.ProposedRules,
        r.Targeted, r.Corrections, r.RepeatedWarnings,
        r.Phase, r.PagesRead, r.PagesTotal, r.StepsApplied, r.StepsPlanned, r.ProgressAt, Elapsed(r, time), r.PersonioRequests, r.PersonioThrottled);

    /// <summary>Whole seconds from the run's start to its end, or to now while it runs (never negative: nodes' clocks may differ a little).</summary>
    public static long Elapsed(SyncRun r, TimeProvider time) =>
        Math.Max(0, (long)((r.FinishedAt ?? time.GetUtcNow().UtcDateTime) - r.StartedAt).TotalSeconds);
}

/// <summary>A step; <c>reason</c> is rendered in the caller's language, <c>reasonCode</c> is stable.</summary>
internal sealed record StepResponse(
    long Id, StepKind Kind, StepStatus Status, long? PersonioEmployeeId, Guid? UserId, string? Subject, string? ReasonCode, string? Reason, IReadOnlyList<FieldChange> Changes)
{
    public static StepResponse From(SyncRunStep s) => new(s.Id, s.Kind, s.Status, s.PersonioEmployeeId, s.UserId, s.Subject, s.ReasonCode, s.Reason?.Render(), s.Changes);
}
