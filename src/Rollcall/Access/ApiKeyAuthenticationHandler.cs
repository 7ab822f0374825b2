using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Rollcall.Data.Access;
using Rollcall.Endpoints;

namespace Rollcall.Access;

/// <summary>Authenticates <c>Authorization: Bearer rk_…</c> as the key's account, limited to the key's company.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeys apiKeys,
    UserManager<Account> accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = await apiKeys.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        var account = key is null ? null : await accounts.FindByIdAsync(key.AccountId.ToString());
        // An interactive lockout (bad passwords) is about the password, not the key: keys keep working through it.
        if (key is null || account is null)
        {
            return AuthenticateResult.Fail("Invalid API key.");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new Claim(ClaimTypes.Name, account.UserName ?? account.Id.ToString()),
            new Claim(RollcallClaims.ApiKeyId, key.Id.ToString()),
            new Claim(RollcallClaims.ApiKeyCompany, key.CompanyId.ToString()),
            new Claim(RollcallClaims.ApiKeyName, key.Name),
            .. key.ReadOnly ? [new Claim(RollcallClaims.ApiKeyReadOnly, "true")] : Array.Empty<Claim>(),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Results.Problem(ProblemCodes.Create(401, "unauthenticated")).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(ProblemCodes.Create(403, "forbidden")).ExecuteAsync(Context);
    }
}
