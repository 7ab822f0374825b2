using System.Diagnostics;
using System.Globalization;
using Rollcall.Personio;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Benchmarks;

/// <summary>Counts the requests of a full read for several sizes, and the 429s under Personio's documented limits.</summary>
internal static class RequestCounts
{
    public static async Task RunAsync(bool with50000)
    {
        Console.WriteLine("| Employees | Page requests | Auth requests | ceil(N/100) | Extra | 429s | Seconds | Personio's limits allow (s) | Ratio |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        int[] sizes = with50000 ? [0, 1, 99, 100, 101, 10_001, 50_000] : [0, 1, 99, 100, 101, 10_001];
        foreach (var size in sizes)
        {
            // Personio's documented limits are on in the sandbox, and Rollcall's own throttle keeps under them.
            await using var sandbox = SandboxServer.Start(new Dictionary<string, string?> { ["Sandbox:RateLimits:Enabled"] = "true" });
            var company = await sandbox.CreateCompanyAsync(size);
            await using var personio = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                // Rollcall's defaults (the test harness keeps a lower rate of its own).
                ["Personio:V1EmployeesPerSecond"] = "15",
                ["Personio:V1EmployeesPerMinute"] = "300",
            });
            var clock = Stopwatch.StartNew();
            var read = await personio.ReadAllAsync(new PersonioCredentials(company.ClientId, company.Secret));
            var seconds = clock.Elapsed.TotalSeconds;
            if (read.Count != size)
            {
                throw new InvalidOperationException($"Read {read.Count} of {size}");
            }

            var pages = personio.Log.Count("/v1/company/employees");
            var auth = personio.Log.Count("/v1/auth");
            var floor = (int)Math.Ceiling(size / 100.0);
            var tooMany = personio.Log.Requests.Count(r => r.Status == 429);
            var allowed = Allowed(pages);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {size:N0} | {pages} | {auth} | {floor} | {pages + auth - floor} | {tooMany} | {seconds:F1} | {allowed:F1} | {(allowed > 0 ? (seconds / allowed).ToString("F2", CultureInfo.InvariantCulture) : "–")} |"));
        }
    }

    /// <summary>
    /// The soonest Personio's documented limits (15 in any second, 300 in any minute) let the last of n list requests start,
    /// the first at zero and each answered at once: the baseline the measured time is compared with.
    /// </summary>
    private static double Allowed(int requests) =>
        requests <= 0 ? 0 : (60 * ((requests - 1) / 300)) + (((requests - 1) % 300) / 15);
}
