using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rollcall.Integration;
using Rollcall.Data;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;
using Rollcall.Personio;
using Rollcall.Sync;
using Rollcall.Webhooks;

namespace Rollcall.Pages.Companies.Integrations;

/// <summary>
/// Integrations > Personio: connect, map attributes, settings, sync now, preview, webhook token, disconnect. Each form posts
/// to its own handler, which calls the same services as the JSON API and redirects on success (post/redirect/get), except
/// issuing a webhook token: its answer is the one page that shows the token.
/// </summary>
internal sealed class PersonioModel(
    RollcallDbContext db, PersonioConnection connection, StoredCredentials stored, PersonioClient personio, SyncQueue queue, SyncSchedule schedule, SyncHistory history,
    WebhookRegistration webhooks, TimeProvider time)
    : PageModel
{
    [BindProperty]
    public string? ClientId { get; set; }

    /// <summary>Write-only: bound from the form, passed on to be checked, never put back into the page.</summary>
    [BindProperty]
    public string? ClientSecret { get; set; }

    [BindProperty]
    public AttributeMapping? Mapping { get; set; }

    [BindProperty]
    public PersonioSettings.Changes? Settings { get; set; }

    /// <summary>Revoking the webhook token is confirmed with a tick.</summary>
    [BindProperty]
    public bool ConfirmRevoke { get; set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>A webhook token just issued: shown in this answer only, never stored in clear, never in TempData.</summary>
    public string? IssuedToken { get; private set; }

    public PersonioView View { get; private set; } = null!;

    /// <summary>What the last post failed with; the page shows its detail in the page's language.</summary>
    public ProblemDetails? Problem { get; private set; }

    public string? ErrorCode => Problem?.Extensions.TryGetValue("code", out var code) == true ? code as string : null;

    public async Task OnGetAsync(Guid companyId, CancellationToken ct) => View = await LoadAsync(companyId, ct);

    /// <summary>The last run's progress block alone, polled by the page's script while it runs (no call to Personio).</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid companyId, CancellationToken ct) =>
        await history.LastRunAsync(companyId, ct) is { } run ? Partial("_RunProgress", ProgressOf(run)) : NotFound();

    public Shared.RunProgressView ProgressOf(SyncRun run) =>
        new(run, time.GetUtcNow().UtcDateTime, $"/companies/{run.CompanyId}/integrations/personio?handler=Progress");

    public async Task<IActionResult> OnPostConnectAsync(Guid companyId, CancellationToken ct)
    {
        var outcome = await connection.ConnectAsync(companyId, ClientId ?? "", ClientSecret ?? "", mapping: null, ct);
        ClientSecret = null;
        return outcome.Problem is { } problem ? await FailAsync(companyId, problem, ct) : Done(companyId, "Connected to Personio.");
    }

    public async Task<IActionResult> OnPostMapAsync(Guid companyId, CancellationToken ct)
    {
        var outcome = await connection.MapAsync(companyId, Mapping ?? new AttributeMapping(null, null, null), ct);
        return outcome.Problem is { } problem ? await FailAsync(companyId, problem, ct) : Done(companyId, "Attribute mapping saved.");
    }

    public async Task<IActionResult> OnPostSettingsAsync(Guid companyId, CancellationToken ct)
    {
        return await connection.ChangeSettingsAsync(companyId, Settings ?? new PersonioSettings.Changes(), ct) is { } problem
            ? await FailAsync(companyId, problem, ct)
            : Done(companyId, "Settings saved.");
    }

    public Task<IActionResult> OnPostSyncAsync(Guid companyId, CancellationToken ct) => StartRunAsync(companyId, dryRun: false, ct);

    public Task<IActionResult> OnPostPreviewAsync(Guid companyId, CancellationToken ct) => StartRunAsync(companyId, dryRun: true, ct);

    public async Task<IActionResult> OnPostDisconnectAsync(Guid companyId, CancellationToken ct)
    {
        await connection.DisconnectAsync(companyId, ct);
        return Done(companyId, "Disconnected from Personio. The users stay; syncing has stopped and the secret is deleted.");
    }

    public async Task<IActionResult> OnPostIssueTokenAsync(Guid companyId, CancellationToken ct)
    {
        (IssuedToken, _) = await webhooks.IssueAsync(companyId, ct);
        View = await LoadAsync(companyId, ct);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(Guid companyId, CancellationToken ct)
    {
        if (!ConfirmRevoke)
        {
            return await FailAsync(companyId, ProblemCodes.Invalid("unconfirmed.revoke_webhook"), ct);
        }

        await webhooks.RevokeAsync(companyId, ct);
        return Done(companyId, "Webhook token revoked: Personio's deliveries are refused from now on.");
    }

    private async Task<IActionResult> StartRunAsync(Guid companyId, bool dryRun, CancellationToken ct)
    {
        var queued = await queue.QueueAsync(companyId, dryRun, ct);
        if (queued.Value is not { } run)
        {
            return await FailAsync(companyId, queued.Problem!, ct);
        }

        return Redirect($"/companies/{companyId}/runs/{run.Id}");
    }

    private async Task<IActionResult> FailAsync(Guid companyId, ProblemDetails problem, CancellationToken ct)
    {
        Problem = problem;
        Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        View = await LoadAsync(companyId, ct);
        return Page();
    }

    private RedirectResult Done(Guid companyId, string notice)
    {
        Notice = notice;
        return Redirect($"/companies/{companyId}/integrations/personio");
    }

    private Task<PersonioView> LoadAsync(Guid companyId, CancellationToken ct) =>
        PersonioView.LoadAsync(companyId, db, schedule, history, stored, personio, webhooks, ct);
}
