using System.ComponentModel.DataAnnotations;

namespace Rollcall.PersonioSandbox.RateLimits;

/// <summary>Rate limits (section <c>Sandbox:RateLimits</c>). Documented numbers by default; v2 data limits are observed ones.</summary>
internal sealed class RateLimitOptions
{
    public const string Section = "Sandbox:RateLimits";

    /// <summary>Master switch; the control API can flip it at run time.</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 100_000)] public int V1EmployeesPerMinute { get; set; } = 300;
    [Range(1, 10_000)] public int V1EmployeesPerSecond { get; set; } = 15;

    [Range(1, 100_000)] public int V1AuthPerMinute { get; set; } = 60;

    /// <summary>After the 60/min limit on <c>/v1/auth</c> is hit, every call is refused for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan V1AuthCooldown { get; set; } = TimeSpan.FromSeconds(60);

    [Range(1, 100_000)] public int V2TokenPerMinute { get; set; } = 150;

    /// <summary>After the 150/min limit on <c>/v2/auth/token</c>, one call per second is allowed for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan V2TokenCooldown { get; set; } = TimeSpan.FromSeconds(60);

    [Range(0, 1000)] public int V2TokenPerSecondDuringCooldown { get; set; } = 1;

    /// <summary>Token bucket per credential and v2 data endpoint (observed ~30/s on <c>/v2/persons</c>; undocumented).</summary>
    [Range(1, 100_000)] public int V2ReplenishPerSecond { get; set; } = 30;

    [Range(1, 100_000)] public int V2BurstCapacity { get; set; } = 30;

    /// <summary>Personio sends no Retry-After on 429; turn on to test clients that honour it.</summary>
    public bool SendRetryAfter { get; set; }

    /// <summary>Sends that Retry-After as an HTTP date (with the answer's own <c>Date</c>) instead of seconds.</summary>
    public bool RetryAfterAsDate { get; set; }

    /// <summary>
    /// Sends <c>X-RateLimit-Limit</c>, <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c> (seconds) for the
    /// per-minute window of the v1 employee list. Personio documents no such headers for v1; turn on to test clients
    /// that honour them.
    /// </summary>
    public bool SendRateLimitHeaders { get; set; }
}
