using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rollcall.Data.Sync;
using Rollcall.Overview;

namespace Rollcall.Pages.Companies;

/// <summary>A company's landing page: is the integration healthy, how did the last run go, when is the next, and what needs an admin.</summary>
internal sealed class OverviewModel(CompanyOverview overview) : PageModel
{
    public OverviewFacts Facts { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid companyId, CancellationToken ct)
    {
        if (await overview.LoadAsync(companyId, ct) is not { } facts)
        {
            return NotFound();
        }

        Facts = facts;
        return Page();
    }

    /// <summary>The item's sentence, an English key with the count as its argument.</summary>
    public static string TextOf(AttentionKind kind) => kind switch
    {
        AttentionKind.CredentialsRejected => "Personio rejected the stored credentials: syncing has stopped until you enter new ones.",
        AttentionKind.SecretUnreadable => "Rollcall can no longer read the stored secret: syncing has stopped until you enter the credentials again.",
        AttentionKind.RunsFailing => "The last {0} runs failed.",
        AttentionKind.HeldApprovals => "Changes waiting for your approval: {0}",
        AttentionKind.MailFailed => "Emails that could not be sent: {0}",
        AttentionKind.MailHeld => "Invitations held for you to release or discard: {0}",
        _ => "Mapped attributes Personio no longer lets Rollcall read: {0}",
    };

    public static string LinkTextOf(AttentionKind kind) => kind switch
    {
        AttentionKind.CredentialsRejected or AttentionKind.SecretUnreadable => "Enter new credentials",
        AttentionKind.RunsFailing => "Open the sync history",
        AttentionKind.HeldApprovals => "Open the approvals",
        AttentionKind.MailFailed or AttentionKind.MailHeld => "Open the mail",
        _ => "Check the attribute mapping",
    };
}
