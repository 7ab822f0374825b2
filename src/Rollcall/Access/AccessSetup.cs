using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Rollcall.Data;
using Rollcall.Data.Access;

namespace Rollcall.Access;

internal static class AccessSetup
{
    /// <summary>The Data Protection key ring, accounts (Identity's user store, no sign-in) and API keys: what a command-line verb needs.</summary>
    public static IHostApplicationBuilder AddRollcallAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.AddRollcallKeyRing();

        services.AddIdentityCore<Account>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // The user name is the email address, checked as one; Identity's default characters refuse o'brien@ and anna+tag@.
                o.User.AllowedUserNameCharacters = "";
                // Length over composition rules (NIST SP 800-63B): 12 characters, any kind.
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<RollcallDbContext>()
            .AddDefaultTokenProviders();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccessOptions>>((identity, access) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = access.Value.MaxFailedLogins;
            identity.Lockout.DefaultLockoutTimeSpan = access.Value.LockoutDuration;
        });
        services.AddScoped<ApiKeys>();
        return builder;
    }

    /// <summary>Accounts and API keys; Identity cookies for the pages, API keys for <c>/api</c>, sign-in, and the company-admin policies.</summary>
    public static IHostApplicationBuilder AddRollcallAccess(this IHostApplicationBuilder builder)
    {
        builder.AddRollcallAccounts();
        var services = builder.Services;
        services.AddHostedService<KeyRingCheck>();
        new IdentityBuilder(typeof(Account), services)
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>();

        var authentication = services.AddAuthentication(IdentityConstants.ApplicationScheme);
        authentication
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        authentication.AddRollcallOidc(builder.Configuration);
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<AccessOptions>>((cookie, access) =>
            {
                cookie.LoginPath = "/login";
                cookie.LogoutPath = "/logout";
                cookie.Cookie.Name = "rollcall.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = access.Value.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = access.Value.SessionLifetime;
                cookie.SlidingExpiration = false; // the server-side session's absolute end decides
                AccountSessions.Attach(cookie.Events);
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });

        // Identity re-reads the account every 30 minutes and rebuilds the principal: the session and how it was signed in go on.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = AccountSessions.CarryOver);
        services.AddScoped<AccountSessions>();
        services.AddScoped<ExternalSignIn>();
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<IAuthorizationHandler, CompanyAdminHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, CompanyAccessResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.CompanyAdmin, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new CompanyAdminRequirement()))
            .AddPolicy(Policies.ApiCompanyAdmin, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .AddRequirements(new CompanyAdminRequirement()))
            .AddPolicy(Policies.Api, p => p
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        return builder;
    }
}
