using Rollcall.Data.Directory;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;

namespace Rollcall.Pages.Localization;

/// <summary>The English words for enum values, which are then the keys to translate (enum names are code, not text).</summary>
internal static class Labels
{
    public static string Of(UserStatus status) => status switch
    {
        UserStatus.Invited => "invited",
        UserStatus.Active => "active",
        _ => "deactivated",
    };

    public static string Of(UserSource source) => source == UserSource.Personio ? "Personio" : "by hand";

    public static string Of(UserRole role) => role == UserRole.Admin ? "admin" : "member";

    public static string Of(EmploymentType type) => type == EmploymentType.External ? "external" : "internal";

    public static string Of(IntegrationState state) => state switch
    {
        IntegrationState.Connected => "connected",
        IntegrationState.CredentialsRejected => "credentials rejected",
        IntegrationState.SecretUnreadable => "needs new credentials",
        _ => "not connected",
    };

    public static string Of(LeavePolicy policy) => policy == LeavePolicy.Deactivate ? "deactivate the user" : "keep the user";

    public static string Of(SyncTrigger trigger) => trigger switch
    {
        SyncTrigger.Schedule => "schedule",
        SyncTrigger.Manual => "manual",
        SyncTrigger.CommandLine => "command line",
        SyncTrigger.Delta => "delta read",
        SyncTrigger.Undo => "undo",
        _ => "webhook",
    };

    public static string Of(RunState state) => state switch
    {
        RunState.Running => "running",
        RunState.Succeeded => "succeeded",
        RunState.Failed => "failed",
        RunState.NeedsApproval => "needs approval",
        RunState.Rejected => "rejected",
        _ => "previewed",
    };

    public static string Of(RunPhase phase) => phase switch
    {
        RunPhase.Starting => "starting",
        RunPhase.Reading => "reading from Personio",
        RunPhase.Planning => "planning the changes",
        RunPhase.Applying => "applying the changes",
        RunPhase.WaitingForApproval => "waiting for approval",
        _ => "run ended",
    };

    public static string Of(PersonOutcome outcome) => outcome switch
    {
        PersonOutcome.User => "a user",
        PersonOutcome.NotUser => "not a user",
        PersonOutcome.Skipped => "skipped: a problem with the record",
        _ => "leaving",
    };

    public static string Of(StepKind kind) => kind switch
    {
        StepKind.Create => "create",
        StepKind.Update => "update",
        StepKind.Link => "link",
        StepKind.Deactivate => "Deactivate",
        StepKind.Reactivate => "Reactivate",
        StepKind.Skip => "skip",
        _ => "warning",
    };

    public static string Of(StepStatus status) => status switch
    {
        StepStatus.Planned => "planned",
        StepStatus.Applied => "applied",
        StepStatus.Held => "Held",
        StepStatus.Dropped => "dropped",
        _ => "noted",
    };
}
