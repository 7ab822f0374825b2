using Rollcall.Companies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Rollcall.Access;
using Rollcall.Data;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;

namespace Rollcall.Pages;

/// <summary>The navigation inside a company: its name, its pages, and the other companies the account administers (public: MVC finds only public view components).</summary>
public sealed class CompanyNavViewComponent(RollcallDbContext db) : ViewComponent
{
    public sealed record Model(Company Company, IReadOnlyList<Company> Others);

    public async Task<IViewComponentResult> InvokeAsync(Guid companyId)
    {
        var accountId = UserClaimsPrincipal.AccountId();
        var companies = await db.AdministeredBy(accountId).AsNoTracking().ToListAsync();
        // The policy let the request through only for an admin, so the company is among them; if not, show no nav.
        return companies.SingleOrDefault(c => c.Id == companyId) is { } company
            ? View(new Model(company, companies.Where(c => c.Id != companyId).ToList()))
            : Content("");
    }
}
