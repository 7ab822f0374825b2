using Rollcall.Sync;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;

namespace Rollcall.Pages.Companies;

/// <summary>Sync history: the company's runs, newest first, as <c>GET …/personio/runs</c> lists them.</summary>
internal sealed class RunsModel(RollcallDbContext db, SyncHistory history) : PageModel
{
    // "page" is also the route value Razor Pages uses for the page path, which model binding would read first.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<SyncRun> Runs { get; private set; } = new([], 1, 50, 0);
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task OnGetAsync(Guid companyId, CancellationToken ct)
    {
        Runs = await Paged<SyncRun>.WithinRangeAsync(PageNumber, page => history.RunsAsync(companyId, page, ct));
        Zone = TimeZoneInfo.FindSystemTimeZoneById(await db.Companies.Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleAsync(ct));
    }
}
