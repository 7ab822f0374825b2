using System.Collections.Concurrent;

namespace Rollcall.Personio;

/// <summary>
/// Personio tokens per credential and API version, kept until a minute before they expire. One fetch at a time
/// per credential (single flight): Personio rate-limits its auth endpoints, so never authenticate per request.
/// A singleton, because the HTTP client factory recycles handlers and typed clients are short-lived.
/// </summary>
public sealed class PersonioTokenCache(TimeProvider time)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, CachedToken> _tokens = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);

    public async Task<string> GetAsync(string key, Func<CancellationToken, Task<(string Token, TimeSpan Lifetime)>> fetch, CancellationToken ct)
    {
        if (Fresh(key) is { } cached)
        {
            return cached;
        }

        var gate = _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (Fresh(key) is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            var (token, lifetime) = await fetch(ct);
            _tokens[key] = new CachedToken(token, time.GetUtcNow() + lifetime - RefreshMargin);
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drops <paramref name="token"/> after Personio refused it, unless a newer one replaced it already.</summary>
    public void Invalidate(string key, string token)
    {
        if (_tokens.TryGetValue(key, out var cached) && cached.Value == token)
        {
            _tokens.TryRemove(new KeyValuePair<string, CachedToken>(key, cached));
        }
    }

    private string? Fresh(string key) =>
        _tokens.TryGetValue(key, out var cached) && time.GetUtcNow() < cached.RefreshAt ? cached.Value : null;
}
