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
        var db = httpContext.RequestServices.GetRequiredService<RollcallDbContext>();
        Guid companyId;
        if (httpContext.Request.Path.StartsWithSegments("/invitation") && httpContext.GetRouteValue("token") is string token)
        {
            // An invitation page speaks the language of the company that invites.
            var hash = Rollcall.Invitations.InvitationLinks.Hash(token);
            companyId = await db.Invitations.AsNoTracking().Where(i => i.TokenHash == hash).Select(i => i.CompanyId).SingleOrDefaultAsync();
        }
        else if (!Guid.TryParse(httpContext.GetRouteValue("companyId") as string, out companyId))
        {
            return null;
        }

        var language = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => (CompanyLanguage?)c.Language).SingleOrDefaultAsync();
        return language switch
        {
            CompanyLanguage.De => new ProviderCultureResult(German),
            CompanyLanguage.En => new ProviderCultureResult(English),
            _ => null,
        };
    }
}
