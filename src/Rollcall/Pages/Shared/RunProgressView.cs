using Rollcall.Data.Sync;

namespace Rollcall.Pages.Shared;

/// <summary>
/// A run's progress block (<c>_RunProgress</c>): rendered with its page and again, alone, every poll of
/// <c>wwwroot/js/live-progress.js</c> at <paramref name="Url"/> (the page's <c>Progress</c> handler) while the run runs.
/// </summary>
internal sealed record RunProgressView(SyncRun Run, DateTime Now, string Url)
{
    public bool Running => Run.State == RunState.Running;

    /// <summary>Whole seconds from the start to the end, or to now while it runs.</summary>
    public long ElapsedSeconds => Math.Max(0, (long)((Run.FinishedAt ?? Now) - Run.StartedAt).TotalSeconds);

    public string PhaseBadge => Run.Phase switch
    {
        RunPhase.Starting => "badge-neutral",
        RunPhase.WaitingForApproval => "badge-warn",
        RunPhase.Finished => Run.State == RunState.Failed ? "badge-danger" : "badge-ok",
        _ => "badge-info",
    };

    /// <summary>The steps are known once the plan stands.</summary>
    public bool Planned => Run.Phase is RunPhase.Applying or RunPhase.WaitingForApproval || (Run.Phase == RunPhase.Finished && Run.StepsPlanned > 0);
}
