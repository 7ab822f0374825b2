using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Rollcall.Access;
using Rollcall.Pages.Localization;
using Rollcall.Telemetry;

namespace Rollcall.Hosting;

internal static class WebSetup
{
    /// <summary>Razor Pages for admins, JSON conventions, problem details, OpenAPI, and which proxies' forwarded headers count.</summary>
    public static IHostApplicationBuilder AddRollcallWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        if (builder is WebApplicationBuilder web)
        {
            // Serves wwwroot from the build output in any environment (demo, tests); a published app has its own copy.
            web.WebHost.UseStaticWebAssets();
        }

        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AuthorizeFolder("/Companies", Policies.CompanyAdmin);
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Account/LoginTwoFactor");
            o.Conventions.AllowAnonymousToPage("/Account/LoginExternal");
            o.Conventions.AllowAnonymousToFolder("/Invitations");
            o.Conventions.AllowAnonymousToPage("/Account/Language");
        }).AddMvcOptions(o =>
        {
            o.Filters.Add<MustChangePasswordFilter>();
            o.Filters.Add<TwoFactorRequiredFilter>();
        }).AddViewLocalization();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            string[] cultures = [CompanyCultureProvider.English, CompanyCultureProvider.German];
            o.SetDefaultCulture(CompanyCultureProvider.English).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            // The JSON API by Accept-Language alone; pages by the admin's own choice first, then the company's language, then the browser's.
            o.RequestCultureProviders = [new ApiCultureProvider(), new CookieRequestCultureProvider(), new CompanyCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidation>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<WebOptions>>((o, web) => TrustProxies(o, web.Value));
        services.AddScoped<Directory.UserDirectory>();
        return builder;
    }

    /// <summary>Forwarded headers from loopback (ASP.NET Core's default) and from the configured proxies and networks.</summary>
    private static void TrustProxies(ForwardedHeadersOptions o, WebOptions web)
    {
        o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        foreach (var proxy in web.TrustedProxies)
        {
            if (IPAddress.TryParse(proxy, out var address))
            {
                o.KnownProxies.Add(address);
            }
        }

        foreach (var network in web.TrustedNetworks)
        {
            if (Cidr.TryParse(network, out var parsed))
            {
                o.KnownIPNetworks.Add(parsed);
            }
        }
    }

    public static WebApplication UseRollcallWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();    // CSP without inline script, no framing, nosniff, same-origin referrer
        app.UseRequestSizeLimit();   // Access:MaxRequestBodySize, 413 before the body is read
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        // Named after Rollcall's assembly, so the assets are found when another program hosts Rollcall (benchmarks).
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{typeof(WebSetup).Assembly.GetName().Name}.staticwebassets.endpoints.json");
        app.MapStaticAssets(File.Exists(manifest) ? manifest : null);
        app.MapOpenApi();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
