using System.Collections.Concurrent;
using System.Globalization;

namespace Rollcall.Personio;

/// <summary>
/// What Personio's answers say about a credential's quota. When an answer reports <c>X-RateLimit-Remaining: 0</c>, the
/// credential's next requests to that kind of endpoint wait until <c>X-RateLimit-Reset</c> (seconds from now, or a Unix
/// time measured against the answer's own <c>Date</c>, like <c>Retry-After</c>) instead of earning a 429; without a
/// reset, the token bucket's <c>X-RateLimit-Replenish-Rate</c> (Personio's v2 gateway) says when the next token comes.
/// Waits are capped like <see cref="PersonioRetryDelay"/>. A singleton: the quota outlives the handlers.
/// </summary>
public sealed class PersonioQuota(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _spentUntil = new(StringComparer.Ordinal);

    /// <summary>How long a request must wait before it may go out (zero when its quota is not known to be spent).</summary>
    public TimeSpan WaitFor(HttpRequestMessage request)
    {
        var key = PersonioRateLimits.QuotaKey(request);
        if (!_spentUntil.TryGetValue(key, out var until))
        {
            return TimeSpan.Zero;
        }

        var wait = until - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            return wait;
        }

        _spentUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, until));
        return TimeSpan.Zero;
    }

    /// <summary>Takes note of what <paramref name="response"/> says about the quota of <paramref name="request"/>'s credential.</summary>
    public void Observe(HttpRequestMessage request, HttpResponseMessage response)
    {
        if (Number(response, "X-RateLimit-Remaining") is not { } remaining)
        {
            return;
        }

        var key = PersonioRateLimits.QuotaKey(request);
        if (remaining >= 1 || WaitAfter(response) is not { } wait)
        {
            _spentUntil.TryRemove(key, out _);
            return;
        }

        var until = time.GetUtcNow() + (wait > PersonioRetryDelay.Longest ? PersonioRetryDelay.Longest : wait);
        _spentUntil.AddOrUpdate(key, until, (_, known) => known > until ? known : until);
        if (_spentUntil.Count > 256)
        {
            Forget(time.GetUtcNow());
        }
    }

    private static TimeSpan? WaitAfter(HttpResponseMessage response)
    {
        if (Number(response, "X-RateLimit-Reset") is { } reset)
        {
            // Seconds from now, unless it can only be a Unix time (later than 2001): that is measured against the answer's Date.
            if (reset < 1_000_000_000)
            {
                return TimeSpan.FromSeconds(Math.Max(0, reset));
            }

            return response.Headers.Date is { } sent && DateTimeOffset.FromUnixTimeMilliseconds((long)(reset * 1000)) - sent is var delta && delta > TimeSpan.Zero
                ? delta
                : null;
        }

        return Number(response, "X-RateLimit-Replenish-Rate") is { } rate && rate > 0
            ? TimeSpan.FromSeconds(Math.Max(1, Number(response, "X-RateLimit-Requested-Tokens") ?? 1) / rate)
            : null;
    }

    private static double? Number(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && double.IsFinite(value)
            ? value
            : null;

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, until) in _spentUntil)
        {
            if (until <= now)
            {
                _spentUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, until));
            }
        }
    }
}

/// <summary>Holds a request back while <see cref="PersonioQuota"/> says its credential's quota is spent.</summary>
public sealed class PersonioQuotaGate(PersonioQuota quota, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (quota.WaitFor(request) is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
