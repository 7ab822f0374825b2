using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rollcall.ConfigAudit;
using Rollcall.Data;
using Rollcall.Endpoints;

namespace Rollcall.Pages.Companies;

/// <summary>The configuration audit: who changed what in the company's configuration, as <c>GET …/configuration-changes</c> lists it.</summary>
internal sealed class ConfigurationChangesModel(RollcallDbContext db, ConfigurationChanges changes) : PageModel
{
    /// <summary>The kinds an admin can filter by: an action's prefix.</summary>
    public static readonly string[] Kinds = ["credentials", "mapping", "settings", "import_rules", "webhook_token", "company", "mail_rails", "api_key", "approval", "run", "two_factor"];

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    [FromQuery(Name = "kind")]
    public string? Kind { get; set; }

    public Paged<ConfigurationChangeResponse> Changes { get; private set; } = new([], 1, 50, 0);
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task OnGetAsync(Guid companyId, CancellationToken ct)
    {
        var kind = Kinds.Contains(Kind) ? Kind : null;
        Kind = kind;
        Changes = await Paged<ConfigurationChangeResponse>.WithinRangeAsync(PageNumber, page => changes.ListAsync(companyId, kind, page, ct));
        Zone = TimeZoneInfo.FindSystemTimeZoneById(await db.Companies.Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleAsync(ct));
    }
}
