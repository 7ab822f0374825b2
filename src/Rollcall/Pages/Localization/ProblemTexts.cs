using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Rollcall.Pages.Localization;

/// <summary>
/// The problems pages show, by their stable <c>code</c>: the English details the services write (the JSON API's
/// texts), which are the keys of their translations.
/// </summary>
internal static class ProblemTexts
{
    public static readonly IReadOnlyDictionary<string, TextTemplates> ByCode = new Dictionary<string, TextTemplates>(StringComparer.Ordinal)
    {
        // Integrations > Personio
        ["invalid_credentials_format"] = new("Enter the Client ID and the Client Secret of a Personio API credential."),
        ["invalid_credentials"] = new("Personio rejected this Client ID and Client Secret. Copy both again from Personio (Settings > Integrations > API credentials)."),
        ["missing_permission"] = new("The credential is valid but may not read employees. In Personio, give it read access to Employees."),
        ["required_attributes_not_readable"] = new("The credential cannot read {0}. In Personio, add them to the credential's readable employee attributes."),
        ["mapped_attributes_not_readable"] = new(
            "The credential cannot read the mapped attribute(s) {0}. Make them readable in Personio or change the mapping.",
            "The credential cannot read {0}. Make them readable in Personio first."),
        ["personio_rate_limited"] = new("Personio is rate limiting this credential; try again in a minute."),
        ["personio_unreachable"] = new("Personio could not be asked: {0}"),
        ["not_connected"] = new("Connect Personio first."),
        ["credentials_rejected"] = new("Personio rejected the stored credentials; enter new ones before syncing."),
        ["invalid_time"] = new("nightlyAt must be a time such as 02:00."),
        ["invalid_threshold"] = new("guardPercent must be 0 to 100.", "guardMinimum must be 1 or more."),

        // Sync now, approvals
        ["run_in_progress"] = new(
            "A sync of this company is running already.",
            "A sync of this company is running; approve when it has finished.",
            "A sync or an approval of this company is running; try again when it has finished."),
        ["not_waiting"] = new("This run is not waiting for approval.", "This run is not waiting for approval any more."),

        // Users
        ["not_found"] = new("The user does not exist.", "The run does not exist.", "No such user in this company.", "No such company.", "No such message in this company."),
        ["cannot_deactivate_self"] = new("Admins cannot deactivate themselves."),
        ["managed_by_personio"] = new("This user is managed by Personio; change it there."),
        ["concurrent_change"] = new("The user was changed at the same time; reload and try again."),
        ["not_invited"] = new("Only an invited user (who has not accepted yet) can be sent an invitation again."),

        // Mail
        ["not_failed"] = new("Only a failed message can be retried."),
        ["not_held"] = new("Only a held message can be released."),
        ["not_discardable"] = new("Only a held or failed message can be discarded."),
        ["invalid_cap"] = new("The per-run invitation cap must be between 1 and 100,000."),
        ["invalid_domain"] = new("'{0}' is not an email domain (like acme.de)."),
    };

    /// <summary>The problem's detail in the page's language; a code or text not listed here shows as the service wrote it.</summary>
    public static string Of(IStringLocalizer t, ProblemDetails problem)
    {
        var detail = problem.Detail ?? problem.Title ?? "";
        var code = problem.Extensions.TryGetValue("code", out var value) ? value as string : null;
        return code is not null && ByCode.TryGetValue(code, out var templates)
            ? templates.Translate(t, detail, hole => ReasonTexts.Personio.Translate(t, hole) ?? hole) ?? detail
            : detail;
    }
}
