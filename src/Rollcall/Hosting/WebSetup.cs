using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpOverrides;
using Rollcall.Access;

namespace Rollcall.Hosting;

internal static class WebSetup
{
    /// <summary>Razor Pages for admins, JSON conventions, problem details, OpenAPI and the health endpoint.</summary>
    public static IHostApplicationBuilder AddRollcallWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AuthorizeFolder("/Companies", Policies.CompanyAdmin);
            o.Conventions.AllowAnonymousToPage("/Account/Login");
        }).AddMvcOptions(o => o.Filters.Add<MustChangePasswordFilter>());
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddProblemDetails();
        services.AddOpenApi();
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        services.AddScoped<Directory.UserDirectory>();
        services.AddScoped<Companies.CompanySetup>();
        return builder;
    }

    public static WebApplication UseRollcallWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        // Named after Rollcall's assembly, so the assets are found when another program hosts Rollcall (benchmarks).
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{typeof(WebSetup).Assembly.GetName().Name}.staticwebassets.endpoints.json");
        app.MapStaticAssets(File.Exists(manifest) ? manifest : null);
        app.MapOpenApi();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
