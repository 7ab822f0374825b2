using Microsoft.AspNetCore.Localization;

namespace Rollcall.Pages.Localization;

/// <summary>
/// The JSON API speaks the caller's language as <c>Accept-Language</c> asks, English otherwise: never the language
/// of a login's cookie or of the company, so an API client gets the same texts in a script as in a browser.
/// </summary>
internal sealed class ApiCultureProvider : RequestCultureProvider
{
    private static readonly AcceptLanguageHeaderRequestCultureProvider Header = new();

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return null;
        }

        // The middleware takes the first supported culture of the list, so English closes it.
        var asked = await Header.DetermineProviderCultureResult(httpContext);
        return new ProviderCultureResult([.. asked?.UICultures ?? [], CompanyCultureProvider.English]);
    }
}
