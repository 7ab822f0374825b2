using Microsoft.Extensions.Options;

namespace Rollcall.Access;

/// <summary>
/// Headers on every response: a Content-Security-Policy that allows no inline script or style and no framing, no MIME
/// sniffing, no referrer beyond Rollcall itself. Form posts may go to Rollcall and to the configured identity providers
/// (a sign-in button's post is redirected there, and <c>form-action</c> covers redirects).
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var oidc = app.ApplicationServices.GetRequiredService<IOptions<OidcOptions>>().Value;
        var formTargets = string.Join(" ", ["'self'", .. oidc.Providers.Values.Select(p => p.Authority!.GetLeftPart(UriPartial.Authority)).Distinct()]);
        var policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + $"object-src 'none'; base-uri 'none'; form-action {formTargets}; frame-ancestors 'none'";
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
