using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Webhooks;

namespace Rollcall.Pages.Shared;

/// <summary>
/// The badge class of each state, so every page shows a state in the same colour:
/// <c>&lt;span class="badge @Badges.Of(run.State)"&gt;…&lt;/span&gt;</c>. Green is fine, blue is under way or informative,
/// amber needs a look, red needs action, grey is settled and calls for nothing.
/// </summary>
internal static class Badges
{
    public const string Ok = "badge-ok";
    public const string Warn = "badge-warn";
    public const string Danger = "badge-danger";
    public const string Info = "badge-info";
    public const string Neutral = "badge-neutral";

    public static string Of(RunState state) => state switch
    {
        RunState.Running => Info,
        RunState.Succeeded => Ok,
        RunState.Failed => Danger,
        RunState.NeedsApproval => Warn,
        _ => Neutral, // rejected, previewed
    };

    public static string Of(UserStatus status) => status switch
    {
        UserStatus.Active => Ok,
        UserStatus.Invited => Info,
        _ => Neutral,
    };

    public static string Of(IntegrationState state) => state switch
    {
        IntegrationState.Connected => Ok,
        IntegrationState.NotConnected => Neutral,
        _ => Danger, // credentials rejected, secret unreadable: syncing has stopped
    };

    public static string Of(MessageState state, bool held) => state switch
    {
        MessageState.Pending when held => Warn,
        MessageState.Pending => Info,
        MessageState.Sent => Ok,
        MessageState.Failed => Danger,
        _ => Neutral,
    };

    public static string Of(StepStatus status) => status switch
    {
        StepStatus.Applied => Ok,
        StepStatus.Planned => Info,
        StepStatus.Held => Warn,
        _ => Neutral,
    };

    public static string Of(PersonOutcome outcome) => outcome switch
    {
        PersonOutcome.User => Ok,
        PersonOutcome.Skipped => Warn,
        PersonOutcome.Leaving => Info,
        _ => Neutral,
    };

    public static string Of(WebhookState state) => state switch
    {
        WebhookState.Registered => Ok,
        WebhookState.Manual => Info,
        _ => Neutral,
    };
}
