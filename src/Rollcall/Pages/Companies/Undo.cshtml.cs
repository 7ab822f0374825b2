using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rollcall.Undo;

namespace Rollcall.Pages.Companies;

/// <summary>Undo a run: first what it would restore and whom it would refuse, then the undo on confirmation.</summary>
internal sealed class UndoModel(RunUndo undo) : PageModel
{
    public UndoPlan? Plan { get; private set; }
    public ProblemDetails? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid companyId, Guid runId, CancellationToken ct)
    {
        await PreviewAsync(companyId, runId, ct);
        return Problem?.Status == StatusCodes.Status404NotFound ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid companyId, Guid runId, CancellationToken ct)
    {
        var done = await undo.UndoAsync(companyId, runId, User, ct);
        if (done.Value is { } run)
        {
            return Redirect($"/companies/{companyId}/runs/{run.Id}");
        }

        await PreviewAsync(companyId, runId, ct);
        Problem = done.Problem;
        Response.StatusCode = done.Problem!.Status ?? StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task PreviewAsync(Guid companyId, Guid runId, CancellationToken ct)
    {
        var preview = await undo.PreviewAsync(companyId, runId, ct);
        (Plan, Problem) = (preview.Value, preview.Problem);
    }
}
