using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Rollcall.PersonioSandbox.Json;
using Rollcall.PersonioSandbox.Model;
using Rollcall.PersonioSandbox.RateLimits;

namespace Rollcall.PersonioSandbox.Auth;

internal static class V2AuthApi
{
    public static IEndpointRouteBuilder MapV2Auth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/auth/token", IssueToken)
            .RequireRateLimit(RateLimitPolicies.V2Token, V2Errors.TooManyRequests)
            .WithName("V2AuthToken").WithTags("v2");
        app.MapPost("/v2/auth/revoke", Revoke).WithName("V2AuthRevoke").WithTags("v2");
        return app;
    }

    private static async Task<IResult> IssueToken(HttpRequest request, SandboxState state, TokenStore tokens, TimeProvider time, IOptions<AuthOptions> options)
    {
        if (!IsUrlEncodedForm(request))
        {
            return OAuthErrors.Create(400, "invalid_request", "The request must be sent as application/x-www-form-urlencoded.");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        string[] required = ["grant_type", "client_id", "client_secret"];
        var missing = required.Where(p => string.IsNullOrEmpty(form[p])).ToArray();
        if (missing.Length > 0)
        {
            return OAuthErrors.Create(400, "invalid_request", "Required parameters are missing.", missing);
        }

        if (form["grant_type"] != "client_credentials")
        {
            return OAuthErrors.Create(400, "unsupported_grant_type", "Only the client_credentials grant is supported.");
        }

        if (CredentialVerifier.Verify(state, form["client_id"], form["client_secret"]) is not { } credential)
        {
            return OAuthErrors.Create(options.Value.V2InvalidClientStatus, "invalid_client", "Client authentication failed (unknown client or wrong secret).");
        }

        var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (requested.Any(s => !credential.Scopes.Contains(s)))
        {
            return OAuthErrors.Create(400, "invalid_scope", "The requested scope exceeds the scopes granted to the client.");
        }

        var scopes = requested.Length == 0 ? credential.Scopes : requested.ToFrozenSet(StringComparer.Ordinal);
        var token = tokens.Issue(credential, ApiVersion.V2, scopes);
        var expiresIn = (long)Math.Max(0, (token.ExpiresAt - time.GetUtcNow()).TotalSeconds);
        return new JsonWriterResult(w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token.Value);
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", expiresIn);
            w.WriteString("scope", token.ScopeString);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> Revoke(HttpRequest request, TokenStore tokens)
    {
        if (!IsUrlEncodedForm(request))
        {
            return OAuthErrors.Create(400, "invalid_request", "The request must be sent as application/x-www-form-urlencoded.");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrEmpty(form["token"]))
        {
            return OAuthErrors.Create(400, "invalid_request", "Required parameters are missing.", ["token"]);
        }

        // Like RFC 7009, revoking an unknown token is not an error.
        tokens.Revoke(form["token"].ToString());
        return Results.Ok();
    }

    // HasFormContentType also accepts multipart/form-data, which the OAuth endpoints do not.
    private static bool IsUrlEncodedForm(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && string.Equals(type.MediaType.Value, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
