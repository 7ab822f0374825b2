using System.Net;

namespace Rollcall.Personio;

/// <summary>
/// How long to wait before retrying a Personio answer. Personio asks to wait at least a second after a 429 and sends
/// no <c>Retry-After</c> on v2; when an answer (429 or 503) carries one, in seconds or as an HTTP date, it is honoured
/// up to <see cref="Longest"/>. A date is measured against the answer's own <c>Date</c> header, so the two clocks
/// need not agree; without that header the date cannot be judged and the usual wait applies. Null: the pipeline's
/// exponential backoff.
/// </summary>
internal static class PersonioRetryDelay
{
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(2);

    public static TimeSpan? For(HttpResponseMessage? response, int attempt)
    {
        if (response?.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        var asked = RetryAfter(response);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return asked is { } wait ? Capped(wait) : null;
        }

        var atLeast = TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(attempt, 5)));
        return asked is { } delta && delta > atLeast ? Capped(delta) : atLeast;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when response.Headers.Date is { } sent && date > sent => date - sent,
        _ => null,
    };

    private static TimeSpan Capped(TimeSpan wait) => wait > Longest ? Longest : wait;
}
