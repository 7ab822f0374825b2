using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on a loopback port: authorization code with PKCE, a confidential client,
/// signing keys made for the run. Whoever the test names with <see cref="SignInAs"/> is "signed in" there, with their email
/// verified or not; the authorization endpoint answers at once, as an IdP does for a person with a live session.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "rollcall";
    public const string ClientSecret = "idp-test-client-secret-0123456789";

    private readonly WebApplication _app;
    private readonly SqliteConnection _store;
    private volatile Person? _person;

    private TestIdentityProvider(WebApplication app, SqliteConnection store, Uri authority)
    {
        _app = app;
        _store = store;
        Authority = authority;
    }

    public Uri Authority { get; }

    /// <summary>How many authorization requests reached the provider.</summary>
    public int Authorizations { get; private set; }

    public sealed record Person(string Subject, string Email, bool EmailVerified);

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var store = new SqliteConnection("Data Source=:memory:");
        await store.OpenAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDbContext<IdpStore>(o => o.UseSqlite(store).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdpStore>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        TestIdentityProvider? idp = null;
        app.MapMethods("/connect/authorize", ["GET", "POST"], (HttpContext context) => idp!.Authorize(context));
        app.MapPost("/connect/token", async (HttpContext context) =>
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(result.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdpStore>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        idp = new TestIdentityProvider(app, store, new Uri(address.TrimEnd('/') + "/"));
        return idp;
    }

    /// <summary>Rollcall's settings for this provider under the key <paramref name="name"/>.</summary>
    public Dictionary<string, string?> Settings(string name = "test", string displayName = "Test IdP") => new()
    {
        [$"Access:Oidc:Providers:{name}:Authority"] = Authority.ToString(),
        [$"Access:Oidc:Providers:{name}:ClientId"] = ClientId,
        [$"Access:Oidc:Providers:{name}:ClientSecret"] = ClientSecret,
        [$"Access:Oidc:Providers:{name}:DisplayName"] = displayName,
    };

    /// <summary>Registers Rollcall as the client, with its callback for the provider key <paramref name="name"/>.</summary>
    public async Task RegisterClientAsync(Uri rollcall, string name = "test")
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { new Uri(rollcall, $"/signin-oidc-{name}") },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Email, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    public void SignInAs(string email, bool emailVerified = true, string? subject = null) =>
        _person = new Person(subject ?? "sub-" + email.GetHashCode(StringComparison.OrdinalIgnoreCase).ToString("x8", System.Globalization.CultureInfo.InvariantCulture), email, emailVerified);

    private IResult Authorize(HttpContext context)
    {
        Authorizations++;
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (_person is not { } person)
        {
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, person.Subject));
        identity.AddClaim(new Claim(Claims.Email, person.Email));
        identity.AddClaim(new Claim(Claims.EmailVerified, person.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        identity.AddClaim(new Claim(Claims.Name, person.Email));
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(request.GetScopes());
        principal.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }

    private sealed class IdpStore(DbContextOptions<IdpStore> options) : DbContext(options);
}
