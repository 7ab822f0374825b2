using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Rollcall.PersonioSandbox.RateLimits;

/// <summary>Applies the policies with <see cref="TimeProvider"/> time, so tests can move the clock.</summary>
internal sealed class RateLimiter(TimeProvider time, IOptions<RateLimitOptions> options)
{
    private readonly ConcurrentDictionary<string, SlidingWindow> _windows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    // 0 = use options, 1 = on, 2 = off; an int so it can be read and written atomically.
    private volatile int _override;

    public RateLimitOptions Options => options.Value;

    public bool Enabled
    {
        get => _override == 0 ? options.Value.Enabled : _override == 1;
        set => _override = value ? 1 : 2;
    }

    /// <summary>Returns whether the call may proceed and, for v2 data endpoints, the bucket's remaining tokens.</summary>
    public (bool Allowed, int? Remaining) Check(RateLimitPolicies policy, string key)
    {
        if (!Enabled)
        {
            return (true, null);
        }

        var o = options.Value;
        var now = time.GetUtcNow();
        if (policy == RateLimitPolicies.V2Data)
        {
            var bucket = _buckets.GetOrAdd(key, _ => new TokenBucket(o.V2BurstCapacity, now));
            var (allowed, remaining) = bucket.TryTake(now, o.V2ReplenishPerSecond, o.V2BurstCapacity);
            return (allowed, remaining);
        }

        var window = _windows.GetOrAdd($"{policy}|{key}", _ => new SlidingWindow());
        var ok = policy switch
        {
            RateLimitPolicies.V1Auth => window.TryAcquire(now, o.V1AuthPerMinute, null, o.V1AuthCooldown, 0),
            RateLimitPolicies.V1Employees => window.TryAcquire(now, o.V1EmployeesPerMinute, o.V1EmployeesPerSecond, TimeSpan.Zero, 0),
            _ => window.TryAcquire(now, o.V2TokenPerMinute, null, o.V2TokenCooldown, o.V2TokenPerSecondDuringCooldown),
        };
        return (ok, null);
    }

    /// <summary>
    /// For <c>X-RateLimit-*</c> headers on the v1 employee list (when <see cref="RateLimitOptions.SendRateLimitHeaders"/>):
    /// the per-minute limit, the calls left in it and the seconds until a call leaves the window. Null when not sent.
    /// </summary>
    public (int Limit, int Remaining, int ResetSeconds)? V1EmployeesQuota(string key)
    {
        var o = options.Value;
        if (!Enabled || !o.SendRateLimitHeaders || !_windows.TryGetValue($"{RateLimitPolicies.V1Employees}|{key}", out var window))
        {
            return null;
        }

        var (remaining, reset) = window.Quota(time.GetUtcNow(), o.V1EmployeesPerMinute);
        return (o.V1EmployeesPerMinute, remaining, (int)Math.Ceiling(reset.TotalSeconds));
    }

    public void Reset()
    {
        _windows.Clear();
        _buckets.Clear();
    }
}
