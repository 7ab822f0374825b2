using Rollcall.Data.Personio;

namespace Rollcall.Data.Sync;

/// <summary>One execution of the planner and, unless a dry run or held, the application of its plan.</summary>
public sealed class SyncRun
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public SyncTrigger Trigger { get; set; }
    public bool DryRun { get; set; }
    public RunState State { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>Why the run ended as it did, rendered when shown; safe to show (no secrets, no personal data).</summary>
    public Reason? Reason { get; set; }

    public int Read { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Linked { get; set; }
    public int Deactivated { get; set; }
    public int Reactivated { get; set; }
    public int Skipped { get; set; }
    public int Warnings { get; set; }

    /// <summary>Of <see cref="Warnings"/>, those standing unchanged since an earlier run, which recorded them (<see cref="StandingWarning"/>).</summary>
    public int RepeatedWarnings { get; set; }

    /// <summary>Deactivations held back by the mass-change guard, waiting for an admin.</summary>
    public int Held { get; set; }

    /// <summary>A preview of rules not yet saved (a scope change shown before it is saved); null: the company's rules.</summary>
    public ImportRules? ProposedRules { get; set; }

    /// <summary>
    /// For a full read while webhooks or delta reads are in use: the changes it applied that the event and delta paths had
    /// missed (drift). Null for other runs.
    /// </summary>
    public int? Corrections { get; set; }

    /// <summary>For a webhook or delta run: the persons it read (targeted reads, not the whole company).</summary>
    public int? Targeted { get; set; }

    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }

    /// <summary>For an undo: the run whose changes it takes back.</summary>
    public Guid? UndoOfRunId { get; set; }

    /// <summary>The undo that took back this run's changes, once there is one.</summary>
    public Guid? UndoneByRunId { get; set; }

    /// <summary>Where a running run is; written as it moves, so any node can show it. A finished run keeps its last phase's counts.</summary>
    public RunPhase Phase { get; set; }

    /// <summary>Pages of Personio's employee list read so far, every pass included.</summary>
    public int PagesRead { get; set; }

    /// <summary>The pages Personio's metadata announced for the read (v1), or the previous full read's pages (v2's cursors announce none); null when unknown.</summary>
    public int? PagesTotal { get; set; }

    /// <summary>Steps applied (or recorded, for a preview) so far, of <see cref="StepsPlanned"/>.</summary>
    public int StepsApplied { get; set; }

    public int StepsPlanned { get; set; }

    /// <summary>When progress was last written (UTC); a running run whose progress stands still for long is shown as such.</summary>
    public DateTime? ProgressAt { get; set; }

    /// <summary>Requests sent to Personio by this run, each attempt counted (retries included).</summary>
    public int PersonioRequests { get; set; }

    /// <summary>Of <see cref="PersonioRequests"/>, those Personio answered with 429 (too many requests).</summary>
    public int PersonioThrottled { get; set; }

    /// <summary>The company's users by status when the run ended (null for runs before these were recorded, and for previews): the trends' points.</summary>
    public int? UsersActive { get; set; }

    public int? UsersInvited { get; set; }

    public int? UsersDeactivated { get; set; }
}

/// <summary>Where a run is. A run waits for approval once it ended with deactivations or payment changes held for an admin.</summary>
public enum RunPhase
{
    Starting,
    Reading,
    Planning,
    Applying,
    WaitingForApproval,
    Finished,
}

public enum SyncTrigger
{
    Schedule,
    Manual,
    CommandLine,

    /// <summary>Webhook events from Personio: only the persons they name are read.</summary>
    Webhook,

    /// <summary>A delta read: only persons Personio reports as updated since the last one.</summary>
    Delta,

    /// <summary>An admin's undo of an earlier run: restores what that run changed; reads nothing from Personio.</summary>
    Undo,
}

public enum RunState
{
    Running,
    Succeeded,
    Failed,
    NeedsApproval,
    Rejected,
    Previewed,
}
