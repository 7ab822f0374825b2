using System.Collections.Concurrent;

namespace Rollcall.PersonioSandbox.RequestCounts;

/// <summary>
/// Counts Personio API requests by method and route template (<c>GET /v1/company/employees/{id}</c>), so tests
/// and benchmarks can count what a client sent over real HTTP.
/// </summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Count(string methodAndRoute) => _counts.AddOrUpdate(methodAndRoute, 1, (_, n) => n + 1);

    public SortedDictionary<string, int> Snapshot() => new(_counts, StringComparer.Ordinal);

    public void Clear() => _counts.Clear();
}
