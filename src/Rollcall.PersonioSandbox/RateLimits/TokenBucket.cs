namespace Rollcall.PersonioSandbox.RateLimits;

/// <summary>Spring-Cloud-Gateway style bucket as seen in front of Personio v2 (one per credential and endpoint).</summary>
internal sealed class TokenBucket(int capacity, DateTimeOffset now)
{
    private readonly Lock _gate = new();
    private double _tokens = capacity;
    private DateTimeOffset _refilledAt = now;

    public (bool Allowed, int Remaining) TryTake(DateTimeOffset now, int replenishPerSecond, int burst)
    {
        lock (_gate)
        {
            var elapsed = Math.Max(0, (now - _refilledAt).TotalSeconds);
            _tokens = Math.Min(burst, _tokens + (elapsed * replenishPerSecond));
            _refilledAt = now;
            if (_tokens < 1)
            {
                return (false, 0);
            }

            _tokens -= 1;
            return (true, (int)_tokens);
        }
    }
}
