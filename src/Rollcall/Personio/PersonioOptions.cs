using System.ComponentModel.DataAnnotations;

namespace Rollcall.Personio;

/// <summary>
/// How Rollcall talks to Personio. Section <c>Personio</c>. Server-level only: a company admin never chooses
/// the base URL, so nobody can point the server at an internal address.
/// </summary>
public sealed class PersonioOptions
{
    public const string Section = "Personio";

    /// <summary>Personio's API host. Plain http is accepted only for a loopback host (the sandbox).</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.personio.de");

    /// <summary>Sent as <c>X-Personio-App-ID</c> on every request (UPPER_SNAKE_CASE, as Personio asks).</summary>
    [Required(AllowEmptyStrings = false), RegularExpression("^[A-Z0-9_]+$")]
    public string AppId { get; set; } = "ROLLCALL";

    /// <summary>Sent as <c>X-Personio-Partner-ID</c> when set (marketplace partners).</summary>
    [RegularExpression("^[A-Z0-9_]+$")]
    public string? PartnerId { get; set; }

    /// <summary>Which API a full read of all employees uses. v1 needs one request per 100 employees.</summary>
    public PersonioReadPath FullReadPath { get; set; } = PersonioReadPath.V1;

    /// <summary>
    /// How often a full read walks the list when it sees the list move under it (HR at work) before it settles for
    /// the last walk completed by targeted reads. Each walk costs one request per 100 employees.
    /// </summary>
    [Range(1, 10)]
    public int FullReadPasses { get; set; } = 3;

    /// <summary>The most targeted reads that complete a read whose walks all moved; more than that fails the read.</summary>
    [Range(0, 10_000)]
    public int MaxRecheckReads { get; set; } = 100;

    /// <summary>Per attempt, from sending the request to the last byte of the body.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per request, retries and their bodies included.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromMinutes(3);

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 5;

    /// <summary>First retry delay for 5xx and dropped connections; doubles with jitter. A 429 waits at least one second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a credential's circuit stays open after half of its last attempts (at least
    /// <see cref="CircuitMinimumThroughput"/> in a minute) failed; its requests then fail at once. Each credential has its
    /// own circuit: one company's failing credential never pauses another's.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:30:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts a credential must have made within the breaker's window before failures can open its circuit.</summary>
    [Range(2, 1000)]
    public int CircuitMinimumThroughput { get; set; } = 20;

    /// <summary>
    /// Client-side limits per credential on the v1 employee list, Personio's documented 15 in any second and 300 in any
    /// minute: a request counts until a second (a minute) after its answer, so Personio never counts one more.
    /// </summary>
    [Range(1, 15)]
    public int V1EmployeesPerSecond { get; set; } = 15;

    [Range(1, 300)]
    public int V1EmployeesPerMinute { get; set; } = 300;

    /// <summary>Other v1 data requests (Personio allows 2,000/min per client IP for all v1 endpoints).</summary>
    [Range(1, 2000)]
    public int V1OtherPerMinute { get; set; } = 600;

    /// <summary>Token requests, under Personio's 60/min on <c>/v1/auth</c> and 150/min on <c>/v2/auth/token</c>.</summary>
    [Range(1, 60)]
    public int AuthPerMinute { get; set; } = 50;

    /// <summary>Client-side rate limiting; may be switched off only against a loopback sandbox (benchmarks).</summary>
    public bool ClientRateLimits { get; set; } = true;

    /// <summary>v2 data requests (undocumented by Personio; observed about 30/s per endpoint).</summary>
    [Range(1, 100)]
    public int V2PerSecond { get; set; } = 20;
}

public enum PersonioReadPath
{
    V1,
    V2,
}
