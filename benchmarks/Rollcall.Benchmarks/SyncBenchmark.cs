using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Companies;
using Rollcall.Data;
using Rollcall.Data.Companies;
using Rollcall.Data.Sync;
using Rollcall.Hosting;
using Rollcall.Integration;
using Rollcall.Personio;
using Rollcall.Reasons;
using Rollcall.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Benchmarks;

/// <summary>
/// First sync of N employees into a fresh database (SQLite, or PostgreSQL with <c>--postgres</c>) and a no-change
/// re-sync, against the client's bare read of the same data measured in the same process just before: wall time, rows
/// written and peak managed memory.
/// </summary>
internal static class SyncBenchmark
{
    internal static readonly string[] Mapped = ["dynamic_30101", "dynamic_30102", "dynamic_30103"];

    private static int NoChangeRounds =>
        int.TryParse(Environment.GetEnvironmentVariable("ROLLCALL_BENCH_NO_CHANGE_ROUNDS"), CultureInfo.InvariantCulture, out var rounds) && rounds > 0 ? rounds : 1;

    /// <param name="postgresServer">A PostgreSQL server to create a fresh database on for each size; null: SQLite.</param>
    public static async Task RunAsync(int[] sizes, string[] extraSettings, string? postgresServer = null)
    {
        Console.WriteLine(postgresServer is null ? "SQLite" : "PostgreSQL");
        Console.WriteLine("| Employees | Run | Seconds | Bare read (s) | Ratio | Rows written | Peak working-set growth (MB) | Peak GC heap growth (MB) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            // The sandbox runs in a process of its own: the memory and time measured here are Rollcall's.
            await using var sandbox = await SandboxServer.StartProcessAsync("--Sandbox:RateLimits:Enabled=false");
            var personioCompany = await sandbox.CreateCompanyAsync(size);
            var credentials = new PersonioCredentials(personioCompany.ClientId, personioCompany.Secret);
            await using var database = await BenchDatabase.CreateAsync(postgresServer);
            { // the app stops before its database is dropped
                await using var app = RollcallHost.Build([
                    "--urls", "http://127.0.0.1:0", .. database.Settings, "--Personio:BaseUrl=" + sandbox.BaseUrl,
                    "--Personio:ClientRateLimits=false", "--Sync:ScheduleNightlyRuns=false", "--Logging:LogLevel:Default=Warning", .. extraSettings,
                ]);
                await app.StartAsync();
                var companyId = await ConnectAsync(app.Services, credentials);

                // Each bare read uses a credential of its own: client-side rate limits are per credential, and a
                // nightly sync does not follow another full read of the same credential within a minute.
                await BareReadAsync(app.Services, await CredentialAsync(sandbox, personioCompany)); // warm-up: JIT, connections
                var bare = await BareReadAsync(app.Services, await CredentialAsync(sandbox, personioCompany));
                await MeasureAsync(app.Services, companyId, size, "first sync", bare);
                // On a noisy machine one pair says little: ROLLCALL_BENCH_NO_CHANGE_ROUNDS repeats (bare read, re-sync).
                for (var round = 0; round < NoChangeRounds; round++)
                {
                    bare = await BareReadAsync(app.Services, await CredentialAsync(sandbox, personioCompany));
                    await MeasureAsync(app.Services, companyId, size, "no-change re-sync", bare);
                }
                await app.StopAsync();
            }
        }
    }

    internal static async Task<Guid> ConnectAsync(IServiceProvider services, PersonioCredentials credentials)
    {
        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<CompanySetup>().CreateAsync(
            new CompanySetup.NewCompany("Benchmark GmbH", "Europe/Berlin", CompanyLanguage.De, "admin@bench.example", "Bench", "Admin"), CancellationToken.None);
        var connected = await scope.ServiceProvider.GetRequiredService<PersonioConnection>().ConnectAsync(created.Company.Id,
            credentials.ClientId, credentials.ClientSecret, new AttributeMapping(Mapped[0], Mapped[1], Mapped[2]), CancellationToken.None);
        if (connected.Problem is { } problem)
        {
            throw new InvalidOperationException(problem.Detail);
        }

        return created.Company.Id;
    }

    private static async Task<PersonioCredentials> CredentialAsync(SandboxServer sandbox, SandboxCompany company)
    {
        var (clientId, secret) = await sandbox.CreateCredentialAsync(company.Id);
        return new PersonioCredentials(clientId, secret);
    }

    internal static async Task<double> BareReadAsync(IServiceProvider services, PersonioCredentials credentials)
    {
        await using var scope = services.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<PersonioClient>();
        var clock = Stopwatch.StartNew();
        await client.ReadEmployeesAsync(credentials, Mapped, CancellationToken.None);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// A first sync of <paramref name="size"/> employees into a fresh SQLite database, in a fresh Rollcall whose
    /// credentials read only <paramref name="readable"/> (null: everything) and whose services <paramref name="replace"/>
    /// may swap; a bare read with the same rights first, for the ratio. Seconds of the run.
    /// </summary>
    internal static async Task<double> FirstSyncInFreshAppAsync(SandboxServer sandbox, SandboxCompany personio, int size, string label, string[]? readable,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? replace = null)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-bench-").FullName;
        try
        {
            await using var app = RollcallHost.Build([
                "--urls", "http://127.0.0.1:0", "--Database:DataDirectory=" + folder, "--Personio:BaseUrl=" + sandbox.BaseUrl,
                "--Personio:ClientRateLimits=false", "--Sync:ScheduleNightlyRuns=false", "--Logging:LogLevel:Default=Warning",
            ], replace);
            await app.StartAsync();
            var (clientId, secret) = await sandbox.CreateCredentialAsync(personio.Id, readable);
            var companyId = await ConnectAsync(app.Services, new PersonioCredentials(clientId, secret));
            var (bareId, bareSecret) = await sandbox.CreateCredentialAsync(personio.Id, readable);
            await BareReadAsync(app.Services, new PersonioCredentials(bareId, bareSecret)); // warm-up
            var (readId, readSecret) = await sandbox.CreateCredentialAsync(personio.Id, readable);
            var bare = await BareReadAsync(app.Services, new PersonioCredentials(readId, readSecret));
            var seconds = await MeasureAsync(app.Services, companyId, size, label, bare);
            await app.StopAsync();
            return seconds;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    internal static async Task<double> MeasureAsync(IServiceProvider services, Guid companyId, int size, string label, double bare)
    {
        var rowsBefore = await RowsAsync(services);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var setBefore = process.WorkingSet64;
        var heapBefore = GC.GetGCMemoryInfo().HeapSizeBytes;
        long peakSet = setBefore, peakHeap = heapBefore;
        using var sampler = new Timer(_ =>
        {
            process.Refresh();
            Interlocked.Exchange(ref peakSet, Math.Max(Interlocked.Read(ref peakSet), process.WorkingSet64));
            Interlocked.Exchange(ref peakHeap, Math.Max(Interlocked.Read(ref peakHeap), GC.GetGCMemoryInfo().HeapSizeBytes));
        }, null, 0, 20);
        var clock = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<SyncEngine>().RunAsync(companyId, SyncTrigger.CommandLine, false, null, CancellationToken.None);
            if (outcome.Value is not { State: RunState.Succeeded } run)
            {
                throw new InvalidOperationException($"Run did not succeed: {outcome.Value?.Reason?.English() ?? outcome.Problem?.Detail}");
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var rowsAfter = await RowsAsync(services);
        var written = (Directory: rowsAfter.Directory - rowsBefore.Directory, Runs: rowsAfter.Runs - rowsBefore.Runs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {size:N0} | {label} | {seconds:F1} | {bare:F1} | {seconds / bare:F2} | {written.Directory:N0} directory + {written.Runs:N0} run bookkeeping | {(Interlocked.Read(ref peakSet) - setBefore) / 1048576.0:F0} | {(Interlocked.Read(ref peakHeap) - heapBefore) / 1048576.0:F0} |"));
        return seconds;
    }

    private static async Task<(long Directory, long Runs)> RowsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
        var directory = await db.DirectoryUsers.LongCountAsync() + await db.AuditEntries.LongCountAsync() + await db.OutboxMessages.LongCountAsync();
        var runs = await db.SyncRuns.LongCountAsync() + await db.SyncRunSteps.LongCountAsync();
        return (directory, runs);
    }
}
