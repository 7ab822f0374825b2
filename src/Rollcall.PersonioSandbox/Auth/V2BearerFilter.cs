using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Json;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Auth;

/// <summary>
/// Authenticates v2 requests. A credential without the module right gets 401 (as observed live),
/// a token whose requested scopes do not cover the endpoint gets 403.
/// </summary>
internal sealed class V2BearerFilter(string requiredScope) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var state = http.RequestServices.GetRequiredService<SandboxState>();
        var tokens = http.RequestServices.GetRequiredService<TokenStore>();
        var auth = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        var token = CredentialVerifier.BearerToken(http.Request) is { } value ? tokens.Resolve(value) : null;
        if (token is null || (token.Api != ApiVersion.V2 && !auth.TokensInterchangeable)
            || state.Credential(token.ClientId) is not { } credential
            || (!credential.Enabled && auth.DisablingRevokesTokens)
            || state.Company(credential.CompanyId) is not { } company)
        {
            return V2Errors.Unauthorized();
        }

        if (!credential.Scopes.Contains(requiredScope))
        {
            return auth.V2MissingRightStatus == 401
                ? V2Errors.Unauthorized("The credential has no access to this resource.")
                : V2Errors.InsufficientScope();
        }

        // v1 tokens carry no v2 scopes of their own; they act with the credential's rights.
        if (token.Api == ApiVersion.V2 && !token.Scopes.Contains(requiredScope))
        {
            return V2Errors.InsufficientScope();
        }

        new Caller(credential, company, token).AttachTo(http);
        return await next(context);
    }
}
