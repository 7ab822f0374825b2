using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rollcall.Access;
using Rollcall.Data;
using Rollcall.Directory;
using Rollcall.Endpoints;
using Rollcall.Invitations;

namespace Rollcall.Pages.Companies;

/// <summary>One user, their audit history, and deactivate/reactivate for hand-made users (the same service as the API).</summary>
internal sealed class UserDetailModel(UserDirectory directory, InvitationActions invitations, RollcallDbContext db) : PageModel
{
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public UserResponse Person { get; private set; } = null!;
    public Paged<AuditEntryResponse> Audit { get; private set; } = new([], 1, 50, 0);
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public ProblemDetails? Problem { get; private set; }
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid companyId, Guid userId, CancellationToken ct) =>
        await LoadAsync(companyId, userId, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostDeactivateAsync(Guid companyId, Guid userId, CancellationToken ct) => SetActiveAsync(companyId, userId, false, ct);

    public Task<IActionResult> OnPostReactivateAsync(Guid companyId, Guid userId, CancellationToken ct) => SetActiveAsync(companyId, userId, true, ct);

    /// <summary>A new invitation link for an invited user; the previous link stops working.</summary>
    public async Task<IActionResult> OnPostResendInvitationAsync(Guid companyId, Guid userId, CancellationToken ct)
    {
        var outcome = await invitations.ResendAsync(companyId, userId, User.AsCause(), ct);
        if (outcome.Problem is { } problem)
        {
            Problem = problem;
            Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        }
        else
        {
            Notice = "A new invitation is on its way; the previous link no longer works.";
        }

        return await LoadAsync(companyId, userId, ct) ? Page() : NotFound();
    }

    private async Task<IActionResult> SetActiveAsync(Guid companyId, Guid userId, bool active, CancellationToken ct)
    {
        var outcome = await directory.SetActiveAsync(companyId, userId, active, User.AsCause(), ct);
        if (outcome.Problem is { } problem)
        {
            Problem = problem;
            Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
            return await LoadAsync(companyId, userId, ct) ? Page() : NotFound();
        }

        return Redirect($"/companies/{companyId}/users/{userId}");
    }

    private async Task<bool> LoadAsync(Guid companyId, Guid userId, CancellationToken ct)
    {
        if (await directory.FindAsync(companyId, userId, ct) is not { } user)
        {
            return false;
        }

        Person = await directory.ResponseAsync(user, ct);
        Audit = await Paged<AuditEntryResponse>.WithinRangeAsync(PageNumber, page => directory.AuditAsync(companyId, userId, page, ct));
        var zone = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleAsync(ct);
        Zone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        return true;
    }
}
