using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Json;
using Rollcall.PersonioSandbox.Model;

namespace Rollcall.PersonioSandbox.Auth;

/// <summary>
/// Authenticates v1 Personnel-Data requests and echoes the token in the <c>Authorization</c> response
/// header, which clients written for the old rotating tokens insist on.
/// </summary>
internal sealed class V1BearerFilter(SandboxState state, TokenStore tokens, IOptions<AuthOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (CredentialVerifier.BearerToken(http.Request) is not { } value)
        {
            return V1Errors.NotProvided();
        }

        var auth = options.Value;
        var token = tokens.Resolve(value);
        if (token is null || (token.Api != ApiVersion.V1 && !auth.TokensInterchangeable)
            || state.Credential(token.ClientId) is not { } credential
            || (!credential.Enabled && auth.DisablingRevokesTokens)
            || state.Company(credential.CompanyId) is not { } company)
        {
            return V1Errors.Create(auth.V1InvalidTokenStatus, "Provided authorization is not valid");
        }

        if (!credential.Scopes.Contains(Scopes.PersonsRead))
        {
            return V1Errors.MissingRight();
        }

        new Caller(credential, company, token).AttachTo(http);
        var result = await next(context);
        if (result is JsonWriterResult { StatusCode: < 400 })
        {
            var echoed = auth.LegacyRotatingTokens ? tokens.Rotate(token, credential) : token;
            http.Response.Headers.Authorization = "Bearer " + echoed.Value;
        }

        return result;
    }
}
