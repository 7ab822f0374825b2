using System.Globalization;
using Rollcall.Hosting;
using Rollcall.Personio;
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
            await FirstSyncAsync(warmUp, small, 1_000, "warm-up (not compared)", [.. Basics, .. SyncBenchmark.Mapped]);
            await FirstSyncAsync(warmUp, small, 1_000, "warm-up (not compared)", null);
        }

        foreach (var size in sizes)
        {
            await using var sandbox = await SandboxServer.StartProcessAsync("--Sandbox:RateLimits:Enabled=false");
            var personio = await sandbox.CreateCompanyAsync(size);
            var without = await FirstSyncAsync(sandbox, personio, size, "first sync, no org data", [.. Basics, .. SyncBenchmark.Mapped]);
            var with = await FirstSyncAsync(sandbox, personio, size, "first sync, with org data", null);
            ratios.Add(string.Create(CultureInfo.InvariantCulture, $"{size:N0}: {with / without:F2}"));
        }

        Console.WriteLine();
        Console.WriteLine("With org data / without (same run): " + string.Join("; ", ratios));
    }

    private static async Task<double> FirstSyncAsync(SandboxServer sandbox, SandboxCompany personio, int size, string label, string[]? readable)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-bench-").FullName;
        try
        {
            await using var app = RollcallHost.Build([
                "--urls", "http://127.0.0.1:0", "--Database:DataDirectory=" + folder, "--Personio:BaseUrl=" + sandbox.BaseUrl,
                "--Personio:ClientRateLimits=false", "--Sync:ScheduleNightlyRuns=false", "--Logging:LogLevel:Default=Warning",
            ]);
            await app.StartAsync();
            var (clientId, secret) = await sandbox.CreateCredentialAsync(personio.Id, readable);
            var companyId = await SyncBenchmark.ConnectAsync(app.Services, new PersonioCredentials(clientId, secret));
            var (bareId, bareSecret) = await sandbox.CreateCredentialAsync(personio.Id, readable);
            await SyncBenchmark.BareReadAsync(app.Services, new PersonioCredentials(bareId, bareSecret)); // warm-up
            var (readId, readSecret) = await sandbox.CreateCredentialAsync(personio.Id, readable);
            var bare = await SyncBenchmark.BareReadAsync(app.Services, new PersonioCredentials(readId, readSecret));
            var seconds = await SyncBenchmark.MeasureAsync(app.Services, companyId, size, label, bare);
            await app.StopAsync();
            return seconds;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}
