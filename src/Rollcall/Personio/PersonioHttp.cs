using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Rollcall.Data;

namespace Rollcall.Personio;

/// <summary>Sending, status handling and JSON reading shared by the v1 and v2 clients.</summary>
internal static class PersonioHttp
{
    /// <summary>Sends through the resilience pipeline and turns what is left of transport failures into <see cref="PersonioException"/>.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, int? page, CancellationToken ct)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw PersonioException.OnPage(PersonioFailure.Unavailable, "personio.unreachable", page, e, e.HttpRequestError.ToString());
        }
        catch (TimeoutRejectedException e)
        {
            throw PersonioException.OnPage(PersonioFailure.Unavailable, "personio.timeout", page, e);
        }
        catch (BrokenCircuitException e)
        {
            throw PersonioException.OnPage(PersonioFailure.Unavailable, "personio.circuit_open", page, e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw PersonioException.OnPage(PersonioFailure.Unavailable, "personio.timeout", page, e);
        }
    }

    /// <summary>
    /// A GET with the credential's cached token. After a 401/403 the token is dropped and fetched once more; a
    /// refusal that persists with a fresh token is a missing right (Personio's v2 even answers 401 for it).
    /// Null for 404 in Personio's own shape, and for any status <paramref name="absent"/> accepts as "nothing here".
    /// </summary>
    public static Task<HttpResponseMessage?> GetWithTokenAsync(
        HttpClient http, PersonioCredentials credentials, string uri, int? page,
        Func<CancellationToken, Task<string>> token, Action<string> refused, string missingPermissionKey, CancellationToken ct,
        Func<HttpStatusCode, bool>? absent = null) =>
        SendWithTokenAsync(http, credentials, HttpMethod.Get, uri, null, page, token, refused, new Reason(missingPermissionKey), ct, absent);

    /// <summary>
    /// <see cref="GetWithTokenAsync"/> for any method: <paramref name="content"/> makes the body afresh for each send
    /// (a request is sent once more after a refused token).
    /// </summary>
    public static async Task<HttpResponseMessage?> SendWithTokenAsync(
        HttpClient http, PersonioCredentials credentials, HttpMethod method, string uri, Func<HttpContent>? content, int? page,
        Func<CancellationToken, Task<string>> token, Action<string> refused, Reason missingPermission, CancellationToken ct,
        Func<HttpStatusCode, bool>? absent = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await token(ct);
            var request = Request(method, uri, credentials, current);
            request.Content = content?.Invoke();
            var response = await SendAsync(http, request, page, ct);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                response.Dispose();
                refused(current);
                if (attempt == 0)
                {
                    continue;
                }

                throw new PersonioException(PersonioFailure.MissingPermission, missingPermission, page);
            }

            if (absent?.Invoke(response.StatusCode) == true)
            {
                response.Dispose();
                return null;
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                using (response)
                {
                    return await IsPersonioNotFoundAsync(response, ct)
                        ? null
                        : throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.bare_not_found", page);
                }
            }

            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw Failure(response, page);
                }
            }

            return response;
        }
    }

    /// <summary>
    /// A 404 counts only in Personio's own error shape (v1 <c>{success:false, error}</c>, v2 problem+json naming a
    /// missing resource): a bare 404 from a proxy or gateway, or v2's unknown-route 404, says nothing about an
    /// employee, and "not found" can cost a user their account.
    /// </summary>
    private static async Task<bool> IsPersonioNotFoundAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), default, ct);
            var root = document.RootElement;
            if (root.Property("errors") is { ValueKind: JsonValueKind.Array } errors)
            {
                // v2 answers 404 for unknown routes too ("api.not_found"): only a missing resource says anything about a person.
                return errors.EnumerateArray().Any(e => e.Property("type").AsText()?.Contains("resource_not_found", StringComparison.OrdinalIgnoreCase) == true
                    || string.Equals(e.Property("title").AsText(), "Resource not found", StringComparison.OrdinalIgnoreCase));
            }

            return root.Property("success") is { ValueKind: JsonValueKind.False } || root.Property("error") is { ValueKind: JsonValueKind.Object };
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException)
        {
            return false;
        }
    }

    public static HttpRequestMessage Request(HttpMethod method, string uri, PersonioCredentials credentials, string? token = null)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Options.Set(PersonioThrottle.CredentialKey, credentials.CacheKey);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>The failure for a status that retries could not cure (not for 401/403, which callers judge).</summary>
    public static PersonioException Failure(HttpResponseMessage response, int? page) => response.StatusCode switch
    {
        HttpStatusCode.TooManyRequests => PersonioException.OnPage(PersonioFailure.RateLimited, "personio.rate_limited", page),
        >= HttpStatusCode.InternalServerError => PersonioException.OnPage(PersonioFailure.Unavailable, "personio.server_error", page, (int)response.StatusCode),
        _ => PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.unexpected_status", page, (int)response.StatusCode),
    };

    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, int? page, CancellationToken ct)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            return await JsonDocument.ParseAsync(body, default, ct);
        }
        catch (JsonException e)
        {
            throw PersonioException.OnPage(PersonioFailure.MalformedResponse, "personio.bad_json", page, e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw PersonioException.OnPage(PersonioFailure.Unavailable, "personio.connection_broken", page, e);
        }
    }
}
