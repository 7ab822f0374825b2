using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Sync;
using Rollcall.Hosting;

namespace Rollcall.Pages.Companies;

/// <summary>Sync history: the company's runs, newest first, as <c>GET …/personio/runs</c> lists them.</summary>
internal sealed class RunsModel(RollcallDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<SyncRun> Runs { get; private set; } = new([], 1, 50, 0);
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task OnGetAsync(Guid companyId, CancellationToken ct)
    {
        var page = new PageRequest(Math.Max(1, PageNumber));
        var runs = db.SyncRuns.AsNoTracking().Where(r => r.CompanyId == companyId);
        var items = await runs.OrderByDescending(r => r.StartedAt).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        Runs = new Paged<SyncRun>(items, page.Page, page.PageSize, await runs.CountAsync(ct));
        Zone = TimeZoneInfo.FindSystemTimeZoneById(await db.Companies.Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleAsync(ct));
    }
}
