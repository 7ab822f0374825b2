using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rollcall.Access;
using Rollcall.Data;
using Rollcall.Data.Sync;
using Rollcall.Directory;
using Rollcall.Endpoints;
using Rollcall.Sync;

namespace Rollcall.Pages.Companies;

/// <summary>One run: counts, reason, its steps (a preview's plan) with field diffs, and the decision on a held run.</summary>
internal sealed class RunModel(RollcallDbContext db, SyncDecisions decisions, SyncHistory history, TimeProvider time) : PageModel
{
    // "page" is also the route value Razor Pages uses for the page path, which model binding would read first.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Filter by step kind; an unknown kind binds to null and shows every step.</summary>
    [BindProperty(SupportsGet = true)]
    public StepKind? Kind { get; set; }

    public SyncRun Run { get; private set; } = null!;
    public Paged<SyncRunStep> Steps { get; private set; } = new([], 1, 50, 0);
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public ProblemDetails? Problem { get; private set; }

    public Shared.RunProgressView Progress => new(Run, time.GetUtcNow().UtcDateTime, $"/companies/{Run.CompanyId}/runs/{Run.Id}?handler=Progress");

    /// <summary>Whether to offer "Undo this run…": a real, ended run that changed users and was not undone (the undo page says why not otherwise).</summary>
    public bool CanUndo => Run is { DryRun: false, Trigger: not SyncTrigger.Undo, UndoneByRunId: null, State: not (RunState.Running or RunState.NeedsApproval) }
                           && Run.Created + Run.Updated + Run.Linked + Run.Deactivated + Run.Reactivated > 0;

    public async Task<IActionResult> OnGetAsync(Guid companyId, Guid runId, CancellationToken ct) =>
        await LoadAsync(companyId, runId, ct) ? Page() : NotFound();

    /// <summary>The progress block alone, polled by the page's script while the run runs.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid companyId, Guid runId, CancellationToken ct)
    {
        if (await history.RunAsync(companyId, runId, ct) is not { } run)
        {
            return NotFound();
        }

        Run = run;
        return Partial("_RunProgress", Progress);
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid companyId, Guid runId, CancellationToken ct) =>
        await DecidedAsync(companyId, runId, await decisions.ApproveAsync(companyId, runId, User, ct), ct);

    public async Task<IActionResult> OnPostRejectAsync(Guid companyId, Guid runId, CancellationToken ct) =>
        await DecidedAsync(companyId, runId, await decisions.RejectAsync(companyId, runId, User, ct), ct);

    private async Task<IActionResult> DecidedAsync(Guid companyId, Guid runId, Outcome<SyncRun> outcome, CancellationToken ct)
    {
        if (outcome.Problem is null)
        {
            return Redirect($"/companies/{companyId}/runs/{runId}");
        }

        Problem = outcome.Problem;
        Response.StatusCode = outcome.Problem.Status ?? StatusCodes.Status400BadRequest;
        return await LoadAsync(companyId, runId, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid companyId, Guid runId, CancellationToken ct)
    {
        if (await history.RunAsync(companyId, runId, ct) is not { } run)
        {
            return false;
        }

        Run = run;
        Steps = await Paged<SyncRunStep>.WithinRangeAsync(PageNumber, page => history.StepsAsync(runId, Kind, page, ct));
        Zone = TimeZoneInfo.FindSystemTimeZoneById(await db.Companies.Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleAsync(ct));
        return true;
    }
}
