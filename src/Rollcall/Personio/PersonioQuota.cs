using System.Collections.Concurrent;
using System.Globalization;

namespace Rollcall.Personio;

/// <summary>
/// What Personio's answers say about a credential's quota, per kind of endpoint, and how the next requests keep to it.
/// Two kinds of headers are understood:
/// <list type="bullet">
/// <item><c>X-RateLimit-Remaining</c> with <c>X-RateLimit-Reset</c> (seconds from now, or a Unix time measured against the
/// answer's own <c>Date</c>, like <c>Retry-After</c>): that many requests may go until the reset; once they are spent,
/// the next waits for it.</item>
/// <item>a token bucket (Personio's v2 gateway): <c>X-RateLimit-Remaining</c> tokens now, refilled at
/// <c>X-RateLimit-Replenish-Rate</c> per second up to <c>X-RateLimit-Burst-Capacity</c>, each request taking
/// <c>X-RateLimit-Requested-Tokens</c>: once the bucket is empty, requests go at the rate it refills.</item>
/// </list>
/// A request counts against the budget from when it is let go; an answer's numbers are taken to leave out every other
/// request still out (Personio may not have counted them yet), so parallel requests stay within them too. Headers that
/// are missing, not numbers or out of range are ignored (Rollcall's own limits still apply); waits are capped like
/// <see cref="PersonioRetryDelay"/>. A singleton: the quota outlives the handlers.
/// </summary>
public sealed class PersonioQuota(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Budget> _budgets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _out = new(StringComparer.Ordinal);

    /// <summary>
    /// How long <paramref name="request"/> must wait before it may go; zero when it may go now, and then it is counted
    /// as out until <see cref="Done"/>.
    /// </summary>
    public TimeSpan Take(HttpRequestMessage request)
    {
        var key = PersonioRateLimits.QuotaKey(request);
        if (_budgets.TryGetValue(key, out var budget))
        {
            var now = time.GetUtcNow();
            if (budget.Stale(now))
            {
                _budgets.TryRemove(new KeyValuePair<string, Budget>(key, budget));
            }
            else if (budget.Take(now) is var wait && wait > TimeSpan.Zero)
            {
                return wait;
            }
        }

        _out.AddOrUpdate(key, 1, (_, count) => count + 1);
        return TimeSpan.Zero;
    }

    /// <summary>A request let go by <see cref="Take"/> has its final answer (or failed).</summary>
    public void Done(HttpRequestMessage request)
    {
        var key = PersonioRateLimits.QuotaKey(request);
        if (_out.AddOrUpdate(key, 0, (_, count) => Math.Max(0, count - 1)) == 0)
        {
            _out.TryRemove(new KeyValuePair<string, int>(key, 0));
        }
    }

    /// <summary>Takes note of what <paramref name="response"/> says about the quota of <paramref name="request"/>'s credential.</summary>
    public void Observe(HttpRequestMessage request, HttpResponseMessage response)
    {
        if (Number(response, "X-RateLimit-Remaining") is not { } remaining || remaining < 0)
        {
            return;
        }

        var key = PersonioRateLimits.QuotaKey(request);
        var now = time.GetUtcNow();
        // The answered request is still out (its retries too answer here); every other one may not be counted yet.
        var others = Math.Max(0, (_out.TryGetValue(key, out var count) ? count : 0) - 1);
        if (Budget.From(response, remaining, others, now) is not { } budget)
        {
            _budgets.TryRemove(key, out _);
            return;
        }

        // Answers to parallel requests arrive out of order: one that says more is left than the current estimate is an
        // older word, whose tokens later requests have taken since. Personio never has more than either says.
        if (_budgets.TryGetValue(key, out var current) && !current.Stale(now) && current.Available(now) < budget.Available(now))
        {
            return;
        }

        _budgets[key] = budget;
        if (_budgets.Count > 256)
        {
            Forget(now);
        }
    }

    private static double? Number(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && double.IsFinite(value)
            ? value
            : null;

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, budget) in _budgets)
        {
            if (budget.Stale(now))
            {
                _budgets.TryRemove(new KeyValuePair<string, Budget>(key, budget));
            }
        }
    }

    /// <summary>Personio's word at <see cref="_at"/>: a number of requests until a reset, or a bucket that refills.</summary>
    private sealed class Budget
    {
        private readonly Lock _gate = new();
        private readonly DateTimeOffset _at;
        private readonly double _remaining;
        private readonly DateTimeOffset? _resetAt;
        private readonly double _rate;
        private readonly double _capacity;
        private readonly double _cost;
        private double _taken;

        private Budget(DateTimeOffset at, double remaining, DateTimeOffset? resetAt, double rate, double capacity, double cost, int others)
        {
            _taken = others * cost;
            _at = at;
            _remaining = remaining;
            _resetAt = resetAt;
            _rate = rate;
            _capacity = capacity;
            _cost = cost;
        }

        public static Budget? From(HttpResponseMessage response, double remaining, int others, DateTimeOffset now)
        {
            if (ResetAfter(response) is { } reset)
            {
                return new Budget(now, Math.Floor(remaining), now + Capped(reset), 0, 0, 1, others);
            }

            if (Number(response, "X-RateLimit-Replenish-Rate") is { } rate && rate > 0)
            {
                var cost = Number(response, "X-RateLimit-Requested-Tokens") is { } requested && requested >= 1 ? requested : 1;
                var capacity = Number(response, "X-RateLimit-Burst-Capacity") is { } burst && burst >= cost ? burst : Math.Max(remaining, cost);
                return new Budget(now, Math.Min(remaining, capacity), null, rate, capacity, cost, others);
            }

            return null;
        }

        /// <summary>Nothing left to say: the reset has passed, or the bucket is full again.</summary>
        public bool Stale(DateTimeOffset now)
        {
            lock (_gate)
            {
                return _resetAt is { } reset ? now >= reset : _remaining + (_rate * Math.Max(0, (now - _at).TotalSeconds)) - _taken >= _capacity;
            }
        }

        /// <summary>Requests (or tokens) this budget would let go now.</summary>
        public double Available(DateTimeOffset now)
        {
            lock (_gate)
            {
                return _resetAt is not null ? _remaining - _taken : Tokens(now);
            }
        }

        public TimeSpan Take(DateTimeOffset now)
        {
            lock (_gate)
            {
                if (_resetAt is { } reset)
                {
                    if (_remaining - _taken >= 1)
                    {
                        _taken++;
                        return TimeSpan.Zero;
                    }

                    return reset - now;
                }

                var tokens = Tokens(now);
                if (tokens >= _cost)
                {
                    _taken += _cost;
                    return TimeSpan.Zero;
                }

                return Capped(TimeSpan.FromSeconds((_cost - tokens) / _rate));
            }
        }

        // Refilled since the answer, less what was taken since (never more than the bucket holds: an estimate on the safe side).
        private double Tokens(DateTimeOffset now) =>
            Math.Min(_capacity, _remaining + (_rate * Math.Max(0, (now - _at).TotalSeconds))) - _taken;

        private static TimeSpan? ResetAfter(HttpResponseMessage response)
        {
            if (Number(response, "X-RateLimit-Reset") is not { } reset || reset < 0)
            {
                return null;
            }

            // Seconds from now, unless it can only be a Unix time (later than 2001): that is measured against the answer's Date.
            if (reset < 1_000_000_000)
            {
                return TimeSpan.FromSeconds(reset);
            }

            return response.Headers.Date is { } sent && DateTimeOffset.FromUnixTimeMilliseconds((long)(reset * 1000)) - sent is var delta && delta > TimeSpan.Zero
                ? delta
                : null;
        }

        private static TimeSpan Capped(TimeSpan wait) => wait > PersonioRetryDelay.Longest ? PersonioRetryDelay.Longest : wait;
    }
}

/// <summary>Holds a request back while <see cref="PersonioQuota"/> says its credential's quota is spent.</summary>
public sealed class PersonioQuotaGate(PersonioQuota quota, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        while (quota.Take(request) is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            quota.Done(request);
        }
    }
}
