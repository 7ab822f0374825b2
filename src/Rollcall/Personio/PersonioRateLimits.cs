using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Rollcall.Personio;

/// <summary>
/// The request windows behind <see cref="PersonioThrottle"/>, one per credential (request option
/// <see cref="PersonioThrottle.CredentialKey"/>) and kind of endpoint (<see cref="RequestWindow"/>). A singleton: the
/// client factory recycles handlers every few minutes, and the counts must outlive them.
/// </summary>
public sealed class PersonioRateLimits(IOptions<PersonioOptions> options, TimeProvider time)
{
    /// <summary>Windows kept before idle ones are dropped (a fleet's credentials come and go).</summary>
    private const int Kept = 1024;

    private readonly ConcurrentDictionary<string, RequestWindow> _windows = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits until <paramref name="request"/> may go and counts it; the returned window must be told when its answer arrived.
    /// Null: an endpoint Rollcall does not limit.
    /// </summary>
    internal async Task<RequestWindow?> StartAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var kind = KindOf(request);
        if (Rules(kind) is not { Count: > 0 } rules)
        {
            return null;
        }

        var key = $"{Credential(request)}:{kind}";
        while (true)
        {
            var window = _windows.GetOrAdd(key, _ => new RequestWindow(rules, time));
            if (await window.StartAsync(ct))
            {
                if (_windows.Count > Kept)
                {
                    ForgetIdle();
                }

                return window;
            }

            _windows.TryRemove(new KeyValuePair<string, RequestWindow>(key, window));
        }
    }

    /// <summary>How long a request of this kind and credential would wait now (null: until an answer arrives); for tests.</summary>
    internal TimeSpan? WaitFor(HttpRequestMessage request) =>
        _windows.TryGetValue($"{Credential(request)}:{KindOf(request)}", out var window) ? window.WaitAt(time.GetUtcNow()) : TimeSpan.Zero;

    private IReadOnlyList<(int Limit, TimeSpan Period)> Rules(EndpointKind kind)
    {
        var o = options.Value;
        return kind switch
        {
            EndpointKind.V1Employees => [(o.V1EmployeesPerSecond, TimeSpan.FromSeconds(1)), (o.V1EmployeesPerMinute, TimeSpan.FromMinutes(1))],
            EndpointKind.V2Data => [(o.V2PerSecond, TimeSpan.FromSeconds(1))],
            EndpointKind.V1Other => [(o.V1OtherPerMinute, TimeSpan.FromMinutes(1))],
            _ => [(o.AuthPerMinute, TimeSpan.FromMinutes(1))],
        };
    }

    private void ForgetIdle()
    {
        foreach (var (key, window) in _windows)
        {
            if (window.TryRetire())
            {
                _windows.TryRemove(new KeyValuePair<string, RequestWindow>(key, window));
            }
        }
    }

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
