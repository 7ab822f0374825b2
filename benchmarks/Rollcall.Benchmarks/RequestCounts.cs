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
        Console.WriteLine("| Employees | Page requests | Auth requests | ceil(N/100) | Extra | 429s | Seconds |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        int[] sizes = with50000 ? [0, 1, 99, 100, 101, 10_001, 50_000] : [0, 1, 99, 100, 101, 10_001];
        foreach (var size in sizes)
        {
            // Personio's documented limits are on in the sandbox, and Rollcall's own throttle keeps under them.
            await using var sandbox = SandboxServer.Start(new Dictionary<string, string?> { ["Sandbox:RateLimits:Enabled"] = "true" });
            var company = await sandbox.CreateCompanyAsync(size);
            await using var personio = PersonioHarness.Create(sandbox.BaseUrl, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
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
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {size:N0} | {pages} | {auth} | {floor} | {pages + auth - floor} | {tooMany} | {seconds:F1} |"));
        }
    }
}
