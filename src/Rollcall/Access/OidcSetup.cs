using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Rollcall.Access;

/// <summary>One OpenID Connect scheme per configured provider, signing into Identity's external cookie; the login page's callback maps the person.</summary>
internal static class OidcSetup
{
    public const string SchemePrefix = "oidc-";

    public static string SchemeOf(string provider) => SchemePrefix + provider.ToLowerInvariant();

    public static void AddRollcallOidc(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var services = authentication.Services;
        services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidation>();

        // Schemes are fixed at start: read the providers' names now (their settings are bound and validated like any options).
        var providers = new OidcOptions();
        configuration.GetSection(OidcOptions.Section).Bind(providers);
        foreach (var (name, provider) in providers.Providers)
        {
            authentication.AddOpenIdConnect(SchemeOf(name), provider.DisplayName ?? name, _ => { });
            services.AddOptions<OpenIdConnectOptions>(SchemeOf(name)).Configure<IOptions<OidcOptions>>((o, all) =>
            {
                var p = all.Value.Providers[name];
                o.Authority = p.Authority?.ToString();
                o.RequireHttpsMetadata = p.Authority?.Scheme == Uri.UriSchemeHttps;
                o.ClientId = p.ClientId;
                o.ClientSecret = string.IsNullOrEmpty(p.ClientSecret) ? null : p.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.ResponseMode = "query";
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.CallbackPath = $"/signin-{SchemeOf(name)}";
                o.SaveTokens = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.MapInboundClaims = true;
                o.Scope.Clear();
                foreach (var scope in p.Scopes.Append("openid").Distinct(StringComparer.Ordinal))
                {
                    o.Scope.Add(scope);
                }

                // The IdP's errors (a refused consent, an unknown client) end on the login page, not in a 500.
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/login?external=failed");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }
    }
}
