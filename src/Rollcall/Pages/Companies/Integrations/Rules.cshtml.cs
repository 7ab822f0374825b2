using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Personio;
using Rollcall.Directory;
using Rollcall.Explorer;
using Rollcall.Integration;

namespace Rollcall.Pages.Companies.Integrations;

/// <summary>
/// Integrations > Personio > Who becomes a user: the company's import rules, previewed as a dry run before they are
/// saved (the same use cases as the JSON API's <c>…/personio/rules</c>).
/// </summary>
internal sealed class RulesModel(RollcallDbContext db, ImportRulesChanges rules, UserDirectory directory, PeopleExplorer explorer) : PageModel
{
    [BindProperty]
    public RulesForm Form { get; set; } = new();

    public RuleChoices Choices { get; private set; } = new([], [], []);

    public ProblemDetails? Problem { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(Guid companyId, CancellationToken ct)
    {
        Form = RulesForm.Of(await rules.GetAsync(companyId, ct));
        Choices = await RuleChoices.LoadAsync(directory, explorer, companyId, Form, ct);
    }

    public async Task<IActionResult> OnPostPreviewAsync(Guid companyId, CancellationToken ct)
    {
        var queued = await rules.PreviewAsync(companyId, Form.ToRules(), ct);
        return queued.Value is { } run ? Redirect($"/companies/{companyId}/runs/{run.Id}") : await FailAsync(companyId, queued.Problem!, ct);
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid companyId, CancellationToken ct)
    {
        var saved = await rules.SaveAsync(companyId, Form.ToRules(), ct);
        if (saved.Problem is { } problem)
        {
            return await FailAsync(companyId, problem, ct);
        }

        Notice = "Rules saved. The next sync applies them; a change that would deactivate many users waits for approval.";
        return Redirect($"/companies/{companyId}/integrations/personio/rules");
    }

    /// <summary>Saves the rules a preview run decided by (the run page's button).</summary>
    public async Task<IActionResult> OnPostSaveProposedAsync(Guid companyId, Guid runId, CancellationToken ct)
    {
        var proposed = await db.SyncRuns.AsNoTracking().Where(r => r.CompanyId == companyId && r.Id == runId && r.State == Data.Sync.RunState.Previewed)
            .Select(r => r.ProposedRules).SingleOrDefaultAsync(ct);
        if (proposed is null)
        {
            return NotFound();
        }

        Form = RulesForm.Of(proposed);
        return await OnPostSaveAsync(companyId, ct);
    }

    private async Task<IActionResult> FailAsync(Guid companyId, ProblemDetails problem, CancellationToken ct)
    {
        Problem = problem;
        Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        Choices = await RuleChoices.LoadAsync(directory, explorer, companyId, Form, ct);
        return Page();
    }
}

/// <summary>The rules as the form posts them.</summary>
internal sealed class RulesForm
{
    public ScopeMode LegalEntityMode { get; set; }
    public List<string> LegalEntityIds { get; set; } = [];
    public ScopeMode OfficeMode { get; set; }
    public List<string> OfficeIds { get; set; } = [];
    public ScopeMode DepartmentMode { get; set; }
    public List<string> DepartmentIds { get; set; } = [];
    public bool ImportExternals { get; set; }
    public LeavePolicy Leave { get; set; }
    public int? OnboardingInviteDays { get; set; }

    public static RulesForm Of(ImportRules rules) => new()
    {
        LegalEntityMode = rules.Scope.LegalEntities.Mode, LegalEntityIds = [.. rules.Scope.LegalEntities.Ids],
        OfficeMode = rules.Scope.Offices.Mode, OfficeIds = [.. rules.Scope.Offices.Ids],
        DepartmentMode = rules.Scope.Departments.Mode, DepartmentIds = [.. rules.Scope.Departments.Ids],
        ImportExternals = rules.ImportExternals, Leave = rules.Leave, OnboardingInviteDays = rules.OnboardingInviteDays,
    };

    public ImportRules ToRules() => new(
        new ImportScope(new ScopeList(LegalEntityMode, LegalEntityIds), new ScopeList(OfficeMode, OfficeIds), new ScopeList(DepartmentMode, DepartmentIds)),
        ImportExternals, Leave, OnboardingInviteDays);
}

/// <summary>
/// The units a scope can name: those the company's users and the explorer's people sit in (so units now out of scope
/// stay choosable), plus any id the rules name that neither knows.
/// </summary>
internal sealed record RuleChoices(IReadOnlyList<OrgUnitResponse> LegalEntities, IReadOnlyList<OrgUnitResponse> Offices, IReadOnlyList<OrgUnitResponse> Departments)
{
    public static async Task<RuleChoices> LoadAsync(UserDirectory directory, PeopleExplorer explorer, Guid companyId, RulesForm form, CancellationToken ct)
    {
        var users = await directory.OrgChoicesAsync(companyId, ct);
        var people = await explorer.ChoicesAsync(companyId, ct);
        static List<OrgUnitResponse> Units(IEnumerable<OrgUnitResponse> known, IEnumerable<PersonUnit> seen, IEnumerable<string> chosen) =>
            [.. known.Concat(seen.Select(u => new OrgUnitResponse(u.Id, u.Name))).Concat(chosen.Select(id => new OrgUnitResponse(id, null)))
                .GroupBy(u => u.Id, StringComparer.Ordinal).Select(g => g.FirstOrDefault(u => u.Name is not null) ?? g.First())
                .OrderBy(u => u.Name ?? u.Id, StringComparer.CurrentCulture).ThenBy(u => u.Id, StringComparer.Ordinal)];
        return new RuleChoices(
            Units(users.LegalEntities, people.LegalEntities, form.LegalEntityIds),
            Units(users.Offices, people.Offices, form.OfficeIds),
            Units(users.Departments, people.Departments, form.DepartmentIds));
    }
}
