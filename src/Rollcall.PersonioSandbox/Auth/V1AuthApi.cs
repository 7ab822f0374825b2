using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Rollcall.PersonioSandbox.Json;
using Rollcall.PersonioSandbox.Model;
using Rollcall.PersonioSandbox.RateLimits;

namespace Rollcall.PersonioSandbox.Auth;

internal static class V1AuthApi
{
    public static IEndpointRouteBuilder MapV1Auth(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/auth", Authenticate)
            .RequireRateLimit(RateLimitPolicies.V1Auth, V1Errors.TooManyRequests)
            .WithName("V1Auth").WithTags("v1");
        return app;
    }

    private static async Task<IResult> Authenticate(HttpRequest request, SandboxState state, TokenStore tokens, TimeProvider time, IOptions<AuthOptions> options)
    {
        string? clientId, secret;
        if (request.Query.ContainsKey("client_id") || request.Query.ContainsKey("client_secret"))
        {
            if (options.Value.QueryStringCredentials == QueryStringCredentials.Reject)
            {
                return V1Errors.Create(403, "Passing credentials in the query string is no longer supported. Send them in the request body.");
            }

            (clientId, secret) = (request.Query["client_id"].ToString(), request.Query["client_secret"].ToString());
        }
        else
        {
            (clientId, secret) = await ReadBodyAsync(request);
        }

        if (CredentialVerifier.Verify(state, clientId, secret) is not { } credential)
        {
            return V1Errors.Create(401, "sorry, you could not be authenticated with those credentials");
        }

        var token = tokens.Issue(credential, ApiVersion.V1, FrozenSet<string>.Empty);
        var expiresIn = (long)Math.Max(0, (token.ExpiresAt - time.GetUtcNow()).TotalSeconds);
        return new JsonWriterResult(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", true);
            w.WriteStartObject("data");
            w.WriteString("token", token.Value);
            w.WriteNumber("expires_in", expiresIn);
            w.WriteString("scope", Scopes.V1ScopeString(credential));
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static async Task<(string? ClientId, string? Secret)> ReadBodyAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return (form["client_id"].ToString(), form["client_secret"].ToString());
        }

        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? (Text(json.RootElement, "client_id"), Text(json.RootElement, "client_secret"))
                : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
