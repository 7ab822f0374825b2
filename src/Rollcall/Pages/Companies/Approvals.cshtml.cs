using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rollcall.Approvals;
using Rollcall.Data;
using Rollcall.Data.Sync;

namespace Rollcall.Pages.Companies;

/// <summary>The approval inbox: every held change with its person, reason and details; approve or reject one, or all.</summary>
internal sealed class ApprovalsModel(ApprovalInbox inbox, RollcallDbContext db) : PageModel
{
    public List<HeldChange> Changes { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public ProblemDetails? Problem { get; private set; }

    /// <summary>What the last decision did, shown after the redirect: a reason key-like word the page words.</summary>
    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid companyId, CancellationToken ct)
    {
        await LoadAsync(companyId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid companyId, long stepId, CancellationToken ct)
    {
        var outcome = await inbox.DecideAsync(companyId, stepId, approve: true, User, ct);
        var done = outcome.Value is not { } step ? null : step.Status == StepStatus.Applied ? "applied" : "dropped";
        return await DecidedAsync(companyId, (done, outcome.Problem), ct);
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid companyId, long stepId, CancellationToken ct)
    {
        var outcome = await inbox.DecideAsync(companyId, stepId, approve: false, User, ct);
        return await DecidedAsync(companyId, (outcome.Value is null ? null : "rejected", outcome.Problem), ct);
    }

    public async Task<IActionResult> OnPostApproveAllAsync(Guid companyId, CancellationToken ct)
    {
        var outcome = await inbox.DecideAllAsync(companyId, null, approve: true, User, ct);
        return await DecidedAsync(companyId, (outcome.Value is null ? null : "all-approved", outcome.Problem), ct);
    }

    public async Task<IActionResult> OnPostRejectAllAsync(Guid companyId, CancellationToken ct)
    {
        var outcome = await inbox.DecideAllAsync(companyId, null, approve: false, User, ct);
        return await DecidedAsync(companyId, (outcome.Value is null ? null : "all-rejected", outcome.Problem), ct);
    }

    private async Task<IActionResult> DecidedAsync(Guid companyId, (string? Done, ProblemDetails? Problem) decided, CancellationToken ct)
    {
        if (decided.Problem is null)
        {
            return Redirect($"/companies/{companyId}/approvals?done={decided.Done}");
        }

        Problem = decided.Problem;
        Response.StatusCode = decided.Problem.Status ?? StatusCodes.Status400BadRequest;
        await LoadAsync(companyId, ct);
        return Page();
    }

    private async Task LoadAsync(Guid companyId, CancellationToken ct)
    {
        Changes = await inbox.ListAsync(companyId, null, ct);
        Zone = TimeZoneInfo.FindSystemTimeZoneById(await db.Companies.Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleAsync(ct));
    }
}
