using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Rollcall.Data;

namespace Rollcall.Personio;

/// <summary>
/// Keeps each credential under Personio's documented limits, so a full read never meets a 429. It sits inside the
/// retry handler, so retries wait for a permit too.
/// </summary>
public sealed class PersonioThrottle(PersonioRateLimits limits, PersonioQuota quota, IOptions<PersonioOptions> options) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> CredentialKey = new("rollcall.personio.credential");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!options.Value.ClientRateLimits)
        {
            return Observed(request, await base.SendAsync(request, cancellationToken));
        }

        using var lease = await limits.Limiter.AcquireAsync(request, 1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new PersonioException(PersonioFailure.RateLimited, new Reason("personio.too_many_waiting"));
        }

        return Observed(request, await base.SendAsync(request, cancellationToken));
    }

    // Every attempt's answer, retries included, tells the quota what Personio's rate-limit headers say.
    private HttpResponseMessage Observed(HttpRequestMessage request, HttpResponseMessage response)
    {
        quota.Observe(request, response);
        return response;
    }
}

/// <summary>
/// The limiters behind <see cref="PersonioThrottle"/>, per credential (request option
/// <see cref="PersonioThrottle.CredentialKey"/>) and kind of endpoint. A singleton: the client factory recycles
/// handlers every few minutes, and the counts must outlive them.
/// </summary>
public sealed class PersonioRateLimits : IDisposable
{
    public PersonioRateLimits(IOptions<PersonioOptions> options)
    {
        var o = options.Value;
        Limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpRequestMessage, string>(request => PerSecond(request, o)),
            PartitionedRateLimiter.Create<HttpRequestMessage, string>(request => PerMinute(request, o)));
    }

    public PartitionedRateLimiter<HttpRequestMessage> Limiter { get; }

    public void Dispose() => Limiter.Dispose();

    private static RateLimitPartition<string> PerSecond(HttpRequestMessage request, PersonioOptions o) => KindOf(request) switch
    {
        EndpointKind.V1Employees => Bucket($"{Credential(request)}:v1-employees:s", o.V1EmployeesPerSecond, TimeSpan.FromSeconds(1)),
        EndpointKind.V2Data => Bucket($"{Credential(request)}:v2:s", o.V2PerSecond, TimeSpan.FromSeconds(1)),
        _ => RateLimitPartition.GetNoLimiter("none"),
    };

    private static RateLimitPartition<string> PerMinute(HttpRequestMessage request, PersonioOptions o) => KindOf(request) switch
    {
        EndpointKind.V1Employees => Window($"{Credential(request)}:v1-employees:m", o.V1EmployeesPerMinute),
        EndpointKind.V1Other => Window($"{Credential(request)}:v1-other:m", o.V1OtherPerMinute),
        EndpointKind.Auth => Window($"{Credential(request)}:auth:m", o.AuthPerMinute),
        _ => RateLimitPartition.GetNoLimiter("none"),
    };

    /// <summary>
    /// Evenly spaced permits with a burst of two: refilling a whole second's worth at once would let a sliding
    /// one-second window on Personio's side count nearly two seconds' worth.
    /// </summary>
    private static RateLimitPartition<string> Bucket(string key, int perPeriod, TimeSpan period) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 2,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = period / perPeriod,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });

    private static RateLimitPartition<string> Window(string key, int perMinute) =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 12,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });

    /// <summary>Personio's quotas are per credential and endpoint: the key <see cref="PersonioQuota"/> keeps them by.</summary>
    internal static string QuotaKey(HttpRequestMessage request) => $"{Credential(request)}:{KindOf(request)}";

    private static string Credential(HttpRequestMessage request) =>
        request.Options.TryGetValue(PersonioThrottle.CredentialKey, out var key) ? key : "anonymous";

    private enum EndpointKind
    {
        V1Employees,
        V1Other,
        V2Data,
        Auth,
    }

    private static EndpointKind KindOf(HttpRequestMessage request) => request.RequestUri?.AbsolutePath switch
    {
        "/v1/auth" or "/v2/auth/token" or "/v2/auth/revoke" => EndpointKind.Auth,
        "/v1/company/employees" => EndpointKind.V1Employees,
        { } path when path.StartsWith("/v2/", StringComparison.Ordinal) => EndpointKind.V2Data,
        _ => EndpointKind.V1Other,
    };
}
