using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Outbox;
using Rollcall.Endpoints;
using Rollcall.Mail;

namespace Rollcall.Pages.Companies;

/// <summary>The company's mail: failed messages with their last error and a retry, held invitations to release or discard, the safety rails.</summary>
internal sealed class MailModel(MailOutbox outbox, RollcallDbContext db) : PageModel
{
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    [FromQuery(Name = "filter")]
    public string? FilterText { get; set; }

    [BindProperty]
    public string? AllowedDomains { get; set; }

    [BindProperty]
    public bool TestMode { get; set; }

    [BindProperty]
    public int InvitationCapPerRun { get; set; }

    public MailFilter Filter { get; private set; }
    public Paged<MailItem> Messages { get; private set; } = new([], 1, 50, 0);
    public MailCounts Counts { get; private set; } = new(0, 0, 0, 0);
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public ProblemDetails? Problem { get; private set; }
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid companyId, CancellationToken ct)
    {
        await LoadAsync(companyId, loadSettings: true, ct);
        return Page();
    }

    public Task<IActionResult> OnPostRetryAsync(Guid companyId, Guid messageId, CancellationToken ct) =>
        ActAsync(companyId, () => outbox.RetryAsync(companyId, messageId, ct), ct);

    public Task<IActionResult> OnPostReleaseAsync(Guid companyId, Guid messageId, CancellationToken ct) =>
        ActAsync(companyId, () => outbox.ReleaseAsync(companyId, messageId, ct), ct);

    public Task<IActionResult> OnPostDiscardAsync(Guid companyId, Guid messageId, CancellationToken ct) =>
        ActAsync(companyId, () => outbox.DiscardAsync(companyId, messageId, ct), ct);

    public async Task<IActionResult> OnPostReleaseHeldAsync(Guid companyId, CancellationToken ct)
    {
        await outbox.ReleaseAllAsync(companyId, HoldReasons.OverRunCap, ct);
        return Redirect($"/companies/{companyId}/mail");
    }

    public async Task<IActionResult> OnPostSettingsAsync(Guid companyId, CancellationToken ct)
    {
        var saved = await outbox.SaveSettingsAsync(companyId, new MailSettings(AllowedDomains, TestMode, InvitationCapPerRun), ct);
        if (saved.Problem is { } problem)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(companyId, loadSettings: false, ct);
            return Page();
        }

        return Redirect($"/companies/{companyId}/mail?saved=1");
    }

    private async Task<IActionResult> ActAsync(Guid companyId, Func<Task<Outcome<bool>>> act, CancellationToken ct)
    {
        if ((await act()).Problem is { } problem)
        {
            Problem = problem;
            Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
            await LoadAsync(companyId, loadSettings: true, ct);
            return Page();
        }

        return Redirect($"/companies/{companyId}/mail");
    }

    private async Task LoadAsync(Guid companyId, bool loadSettings, CancellationToken ct)
    {
        Filter = MailApi.TryFilter(FilterText, out var filter) ? filter : MailFilter.All;
        Messages = await Paged<MailItem>.WithinRangeAsync(PageNumber, page => outbox.ListAsync(companyId, Filter, page, ct));
        Counts = await outbox.CountsAsync(companyId, ct);
        Zone = TimeZoneInfo.FindSystemTimeZoneById(await db.Companies.Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleAsync(ct));
        Notice = Request.Query.ContainsKey("saved") ? "Saved." : null;
        if (loadSettings && await outbox.SettingsAsync(companyId, ct) is { } settings)
        {
            (AllowedDomains, TestMode, InvitationCapPerRun) = (settings.AllowedDomains, settings.TestMode, settings.InvitationCapPerRun);
        }
    }
}
