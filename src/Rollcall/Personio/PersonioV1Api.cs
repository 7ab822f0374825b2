using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rollcall.Data;

namespace Rollcall.Personio;

/// <summary>
/// Personio's v1 API: <c>/v1/auth</c> and the employee endpoints. Knows v1's envelope
/// (<c>{success, data, metadata}</c>) and that an invalid token may come back as 401 or 403.
/// </summary>
public sealed class PersonioV1Api(HttpClient http, PersonioTokenCache tokens)
{
    internal async Task<JsonDocument?> GetAsync(PersonioCredentials credentials, string uri, int? page, CancellationToken ct)
    {
        using var response = await PersonioHttp.GetWithTokenAsync(http, credentials, uri, page, c => TokenAsync(credentials, c),
            refused => tokens.Invalidate(Key(credentials), refused),
            "personio.employees_not_readable", ct);
        if (response is null)
        {
            return null;
        }

        var document = await PersonioHttp.ReadJsonAsync(response, page, ct);
        if (document.RootElement.Property("success") is { ValueKind: JsonValueKind.False })
        {
            document.Dispose();
            throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.success_false", page);
        }

        return document;
    }

    internal Task<string> TokenAsync(PersonioCredentials credentials, CancellationToken ct) =>
        tokens.GetAsync(Key(credentials), c => AuthenticateAsync(credentials, c), ct);

    /// <summary><c>POST /v1/auth</c> with the credentials in a JSON body (never in the query string).</summary>
    private async Task<(string Token, TimeSpan Lifetime)> AuthenticateAsync(PersonioCredentials credentials, CancellationToken ct)
    {
        using var request = PersonioHttp.Request(HttpMethod.Post, "/v1/auth", credentials);
        request.Content = JsonContent.Create(new { client_id = credentials.ClientId, client_secret = credentials.ClientSecret });
        using var response = await PersonioHttp.SendAsync(http, request, null, ct);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
        {
            throw new PersonioException(PersonioFailure.InvalidCredentials, new Reason("personio.invalid_credentials"));
        }

        if (!response.IsSuccessStatusCode)
        {
            throw PersonioHttp.Failure(response, null);
        }

        using var document = await PersonioHttp.ReadJsonAsync(response, null, ct);
        var data = document.RootElement.Property("data");
        var token = data.Property("token").AsText()
            ?? throw new PersonioException(PersonioFailure.MalformedResponse, new Reason("personio.no_token_v1"));
        var seconds = data.Property("expires_in").AsLong() ?? 86_400;
        return (token, TimeSpan.FromSeconds(Math.Clamp(seconds, 120, 86_400)));
    }

    private static string Key(PersonioCredentials credentials) => "v1:" + credentials.CacheKey;
}
