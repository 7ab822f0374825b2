using Rollcall.Companies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rollcall.Access;
using Rollcall.Data;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;

namespace Rollcall.Pages;

public sealed class IndexModel(RollcallDbContext db) : PageModel
{
    public IReadOnlyList<Company> Companies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var accountId = User.AccountId();
        Companies = await db.AdministeredBy(accountId).ToListAsync(ct);
        return Companies.Count == 1 ? Redirect($"/companies/{Companies[0].Id}") : Page();
    }
}
