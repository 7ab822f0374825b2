using Rollcall.Sync;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Sync;
using Rollcall.Hosting;

namespace Rollcall.Pages.Companies;

/// <summary>Sync history: the company's runs, newest first, as <c>GET …/personio/runs</c> lists them.</summary>
internal sealed class RunsModel(RollcallDbContext db, SyncHistory history) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<SyncRun> Runs { get; private set; } = new([], 1, 50, 0);
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task OnGetAsync(Guid companyId, CancellationToken ct)
    {
        Runs = await history.RunsAsync(companyId, new PageRequest(Math.Max(1, PageNumber)), ct);
        Zone = TimeZoneInfo.FindSystemTimeZoneById(await db.Companies.Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleAsync(ct));
    }
}
