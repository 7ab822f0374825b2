using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Hosting;
using Rollcall.Personio;
using Rollcall.Reasons;
using Rollcall.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Benchmarks;

/// <summary>
/// Requests of a whole sync run (access check, full read, confirmations) when nobody is gone, when some are gone,
/// and when the list moves under the read, counted by the sandbox with Personio's limits on.
/// </summary>
internal static class GoneRequestCounts
{
    public static async Task RunAsync(int[] sizes)
    {
        Console.WriteLine("| Employees | Case | List requests | Targeted reads | Attribute list | ceil(N/100) | Extra | Extra per gone person | Deactivated | Held |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            await using var sandbox = SandboxServer.Start(new Dictionary<string, string?> { ["Sandbox:RateLimits:Enabled"] = "true" });
            var personio = await sandbox.CreateCompanyAsync(size);
            var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-bench-").FullName;
            try
            {
                await using var app = RollcallHost.Build([
                    "--urls", "http://127.0.0.1:0", "--Database:DataDirectory=" + folder, "--Personio:BaseUrl=" + sandbox.BaseUrl,
                    "--Sync:ScheduleNightlyRuns=false", "--Logging:LogLevel:Default=Warning",
                ]);
                await app.StartAsync();
                var companyId = await SyncBenchmark.ConnectAsync(app.Services, new PersonioCredentials(personio.ClientId, personio.Secret));
                await RunAsync(app.Services, companyId); // the first sync creates the users
                var employees = size;
                await MeasureAsync(app.Services, sandbox, companyId, employees, "nobody gone", 0);
                foreach (var gone in new[] { 1, 10 })
                {
                    await DeleteUsersAsync(app.Services, sandbox, personio, companyId, gone);
                    employees -= gone;
                    await MeasureAsync(app.Services, sandbox, companyId, employees, $"{gone} gone", gone);
                }

                await sandbox.ArmFaultAsync("delete_between_pages", page: 1, position: 10);
                await MeasureAsync(app.Services, sandbox, companyId, employees--, "1 deleted between pages 2 and 3", 1);
                var many = (int)(employees * 0.8 * 0.12);
                await DeleteUsersAsync(app.Services, sandbox, personio, companyId, many);
                employees -= many;
                await MeasureAsync(app.Services, sandbox, companyId, employees, $"{many} gone (guard holds them)", many);
                await app.StopAsync();
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary><paramref name="size"/>: employees in Personio when the run starts.</summary>
    private static async Task MeasureAsync(IServiceProvider services, SandboxServer sandbox, Guid companyId, int size, string label, int gone)
    {
        await sandbox.ResetRequestCountsAsync();
        var run = await RunAsync(services, companyId);
        var counts = await sandbox.RequestCountsAsync();
        var list = counts.GetValueOrDefault("GET /v1/company/employees");
        var targeted = counts.GetValueOrDefault("GET /v1/company/employees/{id}");
        var attributes = counts.GetValueOrDefault("GET /v1/company/employees/attributes");
        var floor = (int)Math.Ceiling(size / 100.0);
        var extra = list + targeted + attributes - floor;
        var perGone = gone == 0 ? "–" : (targeted / (double)gone).ToString("F1", CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {size:N0} | {label} | {list} | {targeted} | {attributes} | {floor} | {extra} | {perGone} | {run.Deactivated} | {run.Held} |"));
    }

    private static async Task<SyncRun> RunAsync(IServiceProvider services, Guid companyId)
    {
        await using var scope = services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<SyncEngine>().RunAsync(companyId, SyncTrigger.CommandLine, false, null, CancellationToken.None);
        return outcome.Value is { State: RunState.Succeeded or RunState.NeedsApproval } run
            ? run
            : throw new InvalidOperationException($"Run did not succeed: {outcome.Value?.Reason?.English() ?? outcome.Problem?.Detail}");
    }

    /// <summary>Deletes the employees of <paramref name="count"/> users that are not deactivated, in Personio.</summary>
    private static async Task DeleteUsersAsync(IServiceProvider services, SandboxServer sandbox, SandboxCompany personio, Guid companyId, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
        var ids = await db.DirectoryUsers.Where(u => u.CompanyId == companyId && u.Source == UserSource.Personio && u.Status != UserStatus.Deactivated)
            .OrderByDescending(u => u.PersonioEmployeeId).Select(u => u.PersonioEmployeeId!.Value).Take(count).ToListAsync();
        foreach (var id in ids)
        {
            await sandbox.SendAsync(HttpMethod.Delete, $"/_sandbox/companies/{personio.Id}/employees/{id}");
        }
    }
}
