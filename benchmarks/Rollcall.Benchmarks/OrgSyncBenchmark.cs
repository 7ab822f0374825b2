using System.Globalization;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Benchmarks;

/// <summary>
/// First sync of N employees with org data (legal entity, office, department, team, cost centers, supervisor and
/// the manager pass) against the same first sync whose credential cannot read org attributes, in one process and
/// one sandbox company: the cost org data adds to Rollcall's own work.
/// </summary>
internal static class OrgSyncBenchmark
{
    private static readonly string[] Basics = ["first_name", "last_name", "email", "status", "employment_type", "hire_date", "termination_date", "last_modified_at"];

    public static async Task RunAsync(int[] sizes)
    {
        Console.WriteLine("| Employees | Run | Seconds | Bare read (s) | Ratio | Rows written | Peak working-set growth (MB) | Peak GC heap growth (MB) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        var ratios = new List<string>();
        await using (var warmUp = await SandboxServer.StartProcessAsync("--Sandbox:RateLimits:Enabled=false"))
        {
            // JIT, EF Core's model and query caches, connection pools: paid here, by neither variant measured below.
            var small = await warmUp.CreateCompanyAsync(1_000);
            await SyncBenchmark.FirstSyncInFreshAppAsync(warmUp, small, 1_000, "warm-up (not compared)", [.. Basics, .. SyncBenchmark.Mapped]);
            await SyncBenchmark.FirstSyncInFreshAppAsync(warmUp, small, 1_000, "warm-up (not compared)", null);
        }

        foreach (var size in sizes)
        {
            await using var sandbox = await SandboxServer.StartProcessAsync("--Sandbox:RateLimits:Enabled=false");
            var personio = await sandbox.CreateCompanyAsync(size);
            var without = await SyncBenchmark.FirstSyncInFreshAppAsync(sandbox, personio, size, "first sync, no org data", [.. Basics, .. SyncBenchmark.Mapped]);
            var with = await SyncBenchmark.FirstSyncInFreshAppAsync(sandbox, personio, size, "first sync, with org data", null);
            ratios.Add(string.Create(CultureInfo.InvariantCulture, $"{size:N0}: {with / without:F2}"));
        }

        Console.WriteLine();
        Console.WriteLine("With org data / without (same run): " + string.Join("; ", ratios));
    }
}
