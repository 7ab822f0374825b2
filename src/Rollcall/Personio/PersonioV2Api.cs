using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Rollcall.Data;

namespace Rollcall.Personio;

/// <summary>
/// Personio's v2 API: the OAuth token endpoint, persons with employments, and the reference data that names their ids. Knows v2's quirks: a missing module
/// right answers 401 even with a fresh token, and pagination links are absolute URLs.
/// </summary>
public sealed class PersonioV2Api(HttpClient http, PersonioTokenCache tokens, IOptions<PersonioOptions> options)
{
    internal async Task<JsonDocument?> GetAsync(PersonioCredentials credentials, string uri, int? page, CancellationToken ct)
    {
        using var response = await SendGetAsync(credentials, uri, page, null, ct);
        return response is null ? null : await PersonioHttp.ReadJsonAsync(response, page, ct);
    }

    /// <summary>
    /// A write (<c>POST</c>, <c>PATCH</c>, <c>DELETE</c>) with a JSON body; null for Personio's own 404. A refusal a fresh
    /// token does not cure throws <see cref="PersonioFailure.MissingPermission"/> with <paramref name="missingPermission"/>.
    /// </summary>
    internal async Task<JsonDocument?> SendAsync(PersonioCredentials credentials, HttpMethod method, string uri, object? body, Reason missingPermission, CancellationToken ct)
    {
        using var response = await PersonioHttp.SendWithTokenAsync(http, credentials, method, uri,
            body is null ? null : () => JsonContent.Create(body),
            null,
            c => tokens.GetAsync(Key(credentials), t => TokenAsync(credentials, t), c),
            refused => tokens.Invalidate(Key(credentials), refused),
            missingPermission, ct);
        if (response is null)
        {
            return null;
        }

        return response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0
            ? JsonDocument.Parse("{}")
            : await PersonioHttp.ReadJsonAsync(response, null, ct);
    }

    /// <summary>
    /// A reference read (names for the ids on employments). Only names are at stake, so Personio saying it has none
    /// to give is an answer, not a failure: <c>Refused</c> for 412 (the account has not booked the feature, as with
    /// legal entities) and for a 401/403 a fresh token does not cure (scope or module right missing); no document and
    /// not refused for a 404 in any shape (an unknown unit, or an endpoint this account lacks). Outages, 429s and
    /// unreadable answers fail as anywhere else.
    /// </summary>
    internal async Task<(JsonDocument? Document, bool Refused)> GetReferenceAsync(PersonioCredentials credentials, string uri, CancellationToken ct)
    {
        var preconditionFailed = false;
        try
        {
            using var response = await SendGetAsync(credentials, uri, null, status =>
            {
                preconditionFailed = status == HttpStatusCode.PreconditionFailed;
                return status is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed;
            }, ct);
            return response is null ? (null, preconditionFailed) : (await PersonioHttp.ReadJsonAsync(response, null, ct), false);
        }
        catch (PersonioException e) when (e.Failure == PersonioFailure.MissingPermission)
        {
            return (null, true);
        }
    }

    /// <summary>
    /// Resolves a pagination link. Only links to Personio's own host are followed: the bearer token must never
    /// be sent anywhere else, whatever a response says.
    /// </summary>
    internal string? NextLink(JsonElement root, int page)
    {
        var href = root.Property("_meta").Property("links").Property("next").Property("href").AsText();
        if (href is null)
        {
            return null;
        }

        var baseUrl = options.Value.BaseUrl;
        if (!Uri.TryCreate(baseUrl, href, out var next) || Uri.Compare(next, baseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.next_link_away", page, baseUrl.Host);
        }

        return next.PathAndQuery;
    }

    private Task<HttpResponseMessage?> SendGetAsync(PersonioCredentials credentials, string uri, int? page, Func<HttpStatusCode, bool>? absent, CancellationToken ct) =>
        PersonioHttp.GetWithTokenAsync(http, credentials, uri, page,
            c => tokens.GetAsync(Key(credentials), t => TokenAsync(credentials, t), c),
            refused => tokens.Invalidate(Key(credentials), refused),
            "personio.persons_not_readable", ct, absent);

    /// <summary><c>POST /v2/auth/token</c>, form-encoded client credentials grant.</summary>
    private async Task<(string Token, TimeSpan Lifetime)> TokenAsync(PersonioCredentials credentials, CancellationToken ct)
    {
        using var request = PersonioHttp.Request(HttpMethod.Post, "/v2/auth/token", credentials);
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credentials.ClientId,
            ["client_secret"] = credentials.ClientSecret,
        });
        using var response = await PersonioHttp.SendAsync(http, request, null, ct);
        if (response.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
        {
            throw PersonioHttp.Failure(response, null);
        }

        using var document = await PersonioHttp.ReadJsonAsync(response, null, ct);
        if (!response.IsSuccessStatusCode)
        {
            // Personio documents 400 for OAuth errors and is seen answering 401; any 4xx here refuses the credential.
            throw document.RootElement.Property("error").AsText() is "invalid_scope" or "access_denied"
                ? new PersonioException(PersonioFailure.MissingPermission, new Reason("personio.scopes_refused"))
                : new PersonioException(PersonioFailure.InvalidCredentials, new Reason("personio.invalid_credentials"));
        }

        var token = document.RootElement.Property("access_token").AsText()
            ?? throw new PersonioException(PersonioFailure.MalformedResponse, new Reason("personio.no_token_v2"));
        var seconds = document.RootElement.Property("expires_in").AsLong() ?? 86_400;
        return (token, TimeSpan.FromSeconds(Math.Clamp(seconds, 120, 86_400)));
    }

    private static string Key(PersonioCredentials credentials) => "v2:" + credentials.CacheKey;
}
