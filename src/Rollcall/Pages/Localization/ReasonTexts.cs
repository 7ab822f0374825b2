using Microsoft.Extensions.Localization;
using Rollcall.Data.Sync;

namespace Rollcall.Pages.Localization;

/// <summary>
/// Why a run ended as it did and why a step was taken, as the sync writes them (English, stored with the run): steps
/// by their stable reason code, runs (which store no code) by their text alone.
/// </summary>
internal static class ReasonTexts
{
    // The policy's reasons, which an update of an existing user carries under the code "changed".
    private const string Active = "Active and internal in Personio.";
    private const string LeaveKeeps = "On leave in Personio: an existing user stays as is; no new user until active.";
    private const string OnboardingSince = "Onboarding in Personio; becomes a user once active (start {0}).";
    private const string Onboarding = "Onboarding in Personio; becomes a user once active.";

    public static readonly IReadOnlyDictionary<string, TextTemplates> StepsByCode = new Dictionary<string, TextTemplates>(StringComparer.Ordinal)
    {
        ["active"] = new(Active, "New active internal employee: invited.", "Active and internal in Personio again: reactivated."),
        ["changed"] = new(Active, LeaveKeeps, OnboardingSince, Onboarding),
        ["external"] = new("External in Personio: only internal employees are users."),
        ["inactive"] = new("Inactive in Personio."),
        ["leave"] = new("On leave in Personio; the policy deactivates users on leave.", LeaveKeeps),
        ["onboarding"] = new(OnboardingSince, Onboarding),
        ["unknown_status"] = new("Personio's status for this employee is not one Rollcall knows; nothing changed."),
        ["gone"] = new("No longer in Personio.", "No longer in Personio (confirmed: Personio has no employee with this id).",
            "Missing from Personio's list (not confirmed one by one: too many for this run; held for approval)."),
        ["gone_unconfirmed"] = new(
            "Missing from Personio's list, but Personio gave no answer when asked about this person; kept, the next run asks again.",
            "Missing from Personio's list; not confirmed in this run (its confirmation reads were used up); kept, the next run asks again."),
        ["no_employment_type"] = new("Active in Personio, but without an employment type; skipped until HR sets it (an existing user stays as is)."),
        ["unknown_employment_type"] = new("Active in Personio, but its employment type is not one Rollcall knows; skipped (an existing user stays as is)."),
        ["value_shortened"] = new("The {0} in Personio is longer than {1} characters; stored shortened."),
        ["read_unsettled"] = new(
            "Personio's list changed while it was read ({0}); read {1} times, the last read was consistent.",
            "Personio's list changed during each of {0} reads ({1}); the last read was completed by asking about {2} employees one by one."),
        ["no_email"] = new("No email in Personio (or the email attribute is not readable); skipped."),
        ["invalid_email"] = new("The email in Personio is not a valid address; skipped."),
        ["duplicate_email"] = new("Personio employees {0} share this email; fix it in Personio."),
        ["email_taken"] = new(
            "Personio's new email belongs to another user here; nothing changed.",
            "A user created by hand has this email; Rollcall never changes hand-made users after the first sync.",
            "Another Personio employee's user has this email."),
        ["linked_by_email"] = new(
            "An existing user has this email: linked to Personio instead of a duplicate.",
            "This email's user belonged to a Personio employee who is gone or inactive: moved over."),
        ["invalid_iban"] = new("The IBAN in Personio fails the check; not imported.", "The IBAN in Personio fails the check; the previous IBAN stays."),
        ["value_too_long"] = new("The {0} in Personio is longer than {1} characters; not imported."),
        ["attribute_unreadable"] = new("The mapped attribute(s) {0} are no longer readable by the credential; those fields keep their values."),
    };

    /// <summary>An approval appends this to a held step that no longer applied.</summary>
    public static readonly TextTemplates Dropped = new("{0} (no longer applicable when approved)",
        "{0} (Personio still has this employee when approved: kept)", "{0} (not confirmed by Personio when approved: kept; the next run asks again)");

    public static readonly TextTemplates Runs = new(
        "Interrupted (the node stopped or crashed); the next run completed the work.",
        "Superseded by run {0}, which planned again from fresher data.",
        "Stopped: the run took longer than its lease and another run took over; batches already applied stay.",
        "Cancelled (Rollcall was shutting down); batches already applied stay, the next run completes the work.",
        "An unexpected {0} stopped the run; batches already applied stay, the next run completes the work.",
        "The run could not be queued; nothing was read or changed.",
        "Personio rejected the stored credentials; the integration is disconnected and nothing was changed.",
        "Personio rejected the credentials this run used; new credentials were saved meanwhile, so the integration stays connected.",
        "Would deactivate {0} users, above the mass-change threshold; held for approval.",
        "Approved by {0}.",
        "Rejected by {0}; the held deactivations were not applied.",
        "{0} Nothing was changed.");

    /// <summary>What the Personio client says went wrong; quoted in failed runs and in <c>personio_unreachable</c>.</summary>
    public static readonly TextTemplates Personio = new(
        "Personio could not be reached ({0}).",
        "Personio could not be reached on page {0} ({1}).",
        "Personio did not answer in time.",
        "Personio did not answer in time on page {0}.",
        "Personio failed repeatedly; calls are paused for a moment.",
        "Personio failed repeatedly; calls are paused for a moment on page {0}.",
        "Personio kept answering 429 (rate limited).",
        "Personio kept answering 429 (rate limited) on page {0}.",
        "Too many Personio requests are waiting for this credential.",
        "Personio answered {0}.",
        "Personio answered {0} on page {1}.",
        "Personio answered an unexpected {0}.",
        "Personio answered an unexpected {0} on page {1}.",
        "Personio sent JSON that cannot be read.",
        "Personio sent JSON that cannot be read on page {0}.",
        "The connection to Personio broke while reading.",
        "The connection to Personio broke while reading on page {0}.",
        "Personio rejected the client id or secret (wrong, regenerated, disabled or deleted credential).",
        "Personio refuses the scopes this credential asks for.",
        "Personio accepts the credential but refuses to let it read employees; tick the Employees read right for it in Personio.",
        "Personio accepts the credential but refuses to let it read persons; tick the Employees read right (personio:persons:read) for it.",
        "Personio does not let the credential read {0}; add them to its readable employee attributes.",
        "Personio answered 404 without its error body.",
        "Personio answered 404 without its error body on page {0}.",
        "Personio's employee list was not consistent in {0} reads ({1}; the last read got {2} of the {3} employees it reported); the read is incomplete.",
        "Personio's employee list was not consistent in {0} reads ({1}; the last read got {2} employees); the read is incomplete.",
        "Personio's employee list kept changing while it was read ({0} reads, {1} employees seen in one and missing from the last); the read is incomplete.",
        "Personio's employee list kept going past the {0} employees it reported on page {1}; the read cannot be trusted.");

    public static string? OfRun(IStringLocalizer t, string? reason) =>
        reason is null ? null : Runs.Translate(t, reason, hole => Personio.Translate(t, hole) ?? hole) ?? reason;

    public static string? OfStep(IStringLocalizer t, SyncRunStep step) => step.Reason is not { } reason ? null
        : Dropped.Translate(t, reason, held => Step(t, step.ReasonCode, held)) ?? Step(t, step.ReasonCode, reason);

    /// <summary>Whom a step concerns: a person as Personio names them, or (a warning about the mapping) a page word.</summary>
    public static string? SubjectOf(IStringLocalizer t, SyncRunStep step) =>
        step.ReasonCode == "attribute_unreadable" && step.Subject is { } subject ? t[subject] : step.Subject;

    private static string Step(IStringLocalizer t, string? code, string reason) =>
        code is not null && StepsByCode.TryGetValue(code, out var templates) ? templates.Translate(t, reason) ?? reason : reason;
}
