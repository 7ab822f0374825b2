using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Companies;

namespace Rollcall.Pages.Localization;

/// <summary>
/// Inside a company's pages, the company's language is the default; the admin's own choice (the culture cookie)
/// comes before it, Accept-Language after it.
/// </summary>
internal sealed class CompanyCultureProvider : RequestCultureProvider
{
    public const string English = "en";
    public const string German = "de";

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        // The JSON API speaks English codes and texts; only the pages follow the company.
        if (httpContext.Request.Path.StartsWithSegments("/api")
            || !Guid.TryParse(httpContext.GetRouteValue("companyId") as string, out var companyId))
        {
            return null;
        }

        var db = httpContext.RequestServices.GetRequiredService<RollcallDbContext>();
        var language = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => (CompanyLanguage?)c.Language).SingleOrDefaultAsync();
        return language switch
        {
            CompanyLanguage.De => new ProviderCultureResult(German),
            CompanyLanguage.En => new ProviderCultureResult(English),
            _ => null,
        };
    }
}
