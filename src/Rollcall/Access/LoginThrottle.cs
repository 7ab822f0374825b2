using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Rollcall.Access;

/// <summary>
/// Sign-in attempts (password, TOTP or recovery code) limited per client address and overall, in fixed windows, before
/// any password is checked. Separate from Identity's lockout, which counts failures per account; neither touches API keys.
/// The client address is the connection's, or a trusted proxy's <c>X-Forwarded-For</c>.
/// </summary>
internal sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _limiter;

    public LoginThrottle(IOptions<AccessOptions> options)
    {
        var access = options.Value;
        var perClient = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = access.LoginAttemptsPerClient, Window = access.LoginAttemptWindow, QueueLimit = 0 }));
        var overall = PartitionedRateLimiter.Create<IPAddress, string>(_ => RateLimitPartition.GetFixedWindowLimiter("all",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = access.LoginAttemptsOverall, Window = access.LoginAttemptWindow, QueueLimit = 0 }));
        _limiter = PartitionedRateLimiter.CreateChained(perClient, overall);
    }

    /// <summary>Null when the attempt may go ahead; otherwise how long the client should wait.</summary>
    public TimeSpan? TryAttempt(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        using var lease = _limiter.AttemptAcquire(address);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : TimeSpan.FromMinutes(1);
    }

    /// <summary>The 429 answer's header; the page says it in words.</summary>
    public static void Refuse(HttpResponse response, TimeSpan retryAfter)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _limiter.Dispose();
}
