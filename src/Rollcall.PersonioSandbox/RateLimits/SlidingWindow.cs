namespace Rollcall.PersonioSandbox.RateLimits;

/// <summary>
/// Exact sliding log of accepted calls for one key. Personio's "N per minute, then a cool-down"
/// rules need the accepted timestamps, not a fixed window, to behave at the window edges.
/// </summary>
internal sealed class SlidingWindow
{
    private readonly Queue<DateTimeOffset> _hits = new();
    private DateTimeOffset _cooldownUntil;

    public bool TryAcquire(DateTimeOffset now, int perMinute, int? perSecond, TimeSpan cooldown, int cooldownPerSecond)
    {
        lock (_hits)
        {
            while (_hits.Count > 0 && now - _hits.Peek() >= TimeSpan.FromMinutes(1))
            {
                _hits.Dequeue();
            }

            if (now < _cooldownUntil)
            {
                return cooldownPerSecond > 0 && CountSince(now - TimeSpan.FromSeconds(1)) < cooldownPerSecond && Record(now);
            }

            if (_hits.Count >= perMinute)
            {
                _cooldownUntil = now + cooldown;
                return false;
            }

            return (perSecond is not { } limit || CountSince(now - TimeSpan.FromSeconds(1)) < limit) && Record(now);
        }
    }

    /// <summary>Calls left within the minute, and how long until the oldest counted call leaves it.</summary>
    public (int Remaining, TimeSpan Reset) Quota(DateTimeOffset now, int perMinute)
    {
        lock (_hits)
        {
            while (_hits.Count > 0 && now - _hits.Peek() >= TimeSpan.FromMinutes(1))
            {
                _hits.Dequeue();
            }

            return (Math.Max(0, perMinute - _hits.Count), _hits.Count == 0 ? TimeSpan.Zero : _hits.Peek() + TimeSpan.FromMinutes(1) - now);
        }
    }

    private int CountSince(DateTimeOffset from) => _hits.Count(h => h > from);

    private bool Record(DateTimeOffset now)
    {
        _hits.Enqueue(now);
        return true;
    }
}
