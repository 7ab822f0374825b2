using System.Text.Json;
using Rollcall.PersonioSandbox.Auth;

namespace Rollcall.PersonioSandbox.Faults;

/// <summary>
/// The client id a request comes from, before authentication (faults hit first): the credential of its bearer token, or
/// the <c>client_id</c> a token request names in its form or JSON body (or, deprecated, its query string).
/// </summary>
internal static class FaultCaller
{
    public static async Task<string?> ClientIdAsync(HttpRequest request, TokenStore tokens)
    {
        if (CredentialVerifier.BearerToken(request) is { } bearer)
        {
            return tokens.Resolve(bearer)?.ClientId;
        }

        if (request.Query["client_id"] is { Count: > 0 } inQuery)
        {
            return inQuery.ToString();
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return null;
        }

        // The body is read again by the endpoint.
        request.EnableBuffering();
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                return form["client_id"] is { Count: > 0 } id ? id.ToString() : null;
            }

            if (request.HasJsonContentType())
            {
                using var body = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
                return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("client_id", out var id)
                    && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            }

            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
