using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data;
using Rollcall.Data.Sync;
using Rollcall.Hosting;
using Rollcall.Sync;
using Rollcall.Tests.Infrastructure;
using Rollcall.Webhooks;

namespace Rollcall.Benchmarks;

/// <summary>
/// The event path end to end over real HTTP: a company of <c>employees</c> people in the sandbox (Personio's limits on),
/// synced once by a full read, its webhook set up by hand in the sandbox with the token Rollcall issued. Then, for each
/// quiet period: single changes one after another (an email changed in the sandbox, until the user in Rollcall has it),
/// and a burst of hires (until every one is a user), with Personio's requests counted by the sandbox.
/// </summary>
internal static class WebhookBenchmark
{
    public static async Task RunAsync(int employees, int changes, int burst, TimeSpan[] quietPeriods)
    {
        await using var sandbox = SandboxServer.Start();
        var personio = await sandbox.CreateCompanyAsync(employees);
        Console.WriteLine($"Sandbox company of {employees:N0} employees; Personio's limits on; {changes} single changes and a burst of {burst} hires per quiet period.");
        Console.WriteLine();
        var rows = new List<string>();
        foreach (var quiet in quietPeriods)
        {
            rows.AddRange(await MeasureAsync(sandbox, personio, quiet, changes, burst));
        }

        Console.WriteLine("| Quiet period | What | Wall time (s) | Latency p50 (s) | Latency p95 (s) | Personio requests | Requests per change | Runs |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
    }

    private static async Task<List<string>> MeasureAsync(SandboxServer sandbox, SandboxCompany personio, TimeSpan quiet, int changes, int burst)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-bench-hooks-").FullName;
        var url = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var label = quiet.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
        var rows = new List<string>();
        try
        {
            await using var app = RollcallHost.Build([
                "--urls", url.ToString(), "--Database:DataDirectory=" + folder, "--Personio:BaseUrl=" + sandbox.BaseUrl,
                "--Sync:ScheduleNightlyRuns=false", "--Mail:Dispatch=false", "--Mail:PublicBaseUrl=" + url,
                "--Webhooks:QuietPeriod=" + quiet.ToString("c", CultureInfo.InvariantCulture), "--Logging:LogLevel:Default=Warning",
            ]);
            await app.StartAsync();
            var companyId = await SyncBenchmark.ConnectAsync(app.Services, new Personio.PersonioCredentials(personio.ClientId, personio.Secret));

            // The full read, as the nightly run does it: the baseline for the burst.
            await sandbox.ResetRequestCountsAsync();
            var clock = Stopwatch.StartNew();
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var full = await scope.ServiceProvider.GetRequiredService<SyncEngine>().RunAsync(companyId, SyncTrigger.Manual, false, null, CancellationToken.None);
                if (full.Value is not { State: RunState.Succeeded })
                {
                    throw new InvalidOperationException($"The first full sync did not succeed: {full.Value?.State} {full.Problem?.Detail}");
                }
            }

            rows.Add($"| {label} | full read and first sync | {clock.Elapsed.TotalSeconds:F1} | | | {await PersonioRequestsAsync(sandbox):N0} | | 1 |");
            await SetUpWebhookAsync(app.Services, sandbox, personio, url, companyId);

            // Single changes, one after another, so each is its own burst of one.
            var users = await WithDbAsync(app.Services, db => db.DirectoryUsers.AsNoTracking()
                .Where(u => u.CompanyId == companyId && u.PersonioEmployeeId != null).OrderBy(u => u.PersonioEmployeeId).Select(u => u.PersonioEmployeeId!.Value).Take(changes).ToListAsync());
            var latencies = new List<double>();
            var runsBefore = await RunsAsync(app.Services, companyId);
            await sandbox.ResetRequestCountsAsync();
            clock.Restart();
            foreach (var id in users)
            {
                var email = $"moved.{id}.{Random.Shared.Next(100_000, 999_999)}@changed.example";
                var changed = Stopwatch.StartNew();
                await sandbox.SendAsync(HttpMethod.Put, $"/_sandbox/companies/{personio.Id}/employees/{id}/email", new { email });
                await UntilAsync(app.Services, db => db.DirectoryUsers.AnyAsync(u => u.CompanyId == companyId && u.PersonioEmployeeId == id && u.Email == email), TimeSpan.FromMinutes(5));
                latencies.Add(changed.Elapsed.TotalSeconds);
            }

            var singleRequests = await PersonioRequestsAsync(sandbox);
            rows.Add($"| {label} | {changes} single changes (email), one after another | {clock.Elapsed.TotalSeconds:F1} | {Percentile(latencies, 0.50):F1} | {Percentile(latencies, 0.95):F1} | {singleRequests:N0} | {(double)singleRequests / changes:F1} | {await RunsAsync(app.Services, companyId) - runsBefore} |");

            // A burst of hires: HR importing people.
            runsBefore = await RunsAsync(app.Services, companyId);
            await sandbox.ResetRequestCountsAsync();
            clock.Restart();
            var hired = new List<long>();
            for (var i = 0; i < burst; i++)
            {
                var person = await sandbox.PostAsync($"/_sandbox/companies/{personio.Id}/employees", new { first_name = "Burst", last_name = $"Hire {i + 1}" });
                hired.Add(person.GetProperty("id").GetInt64());
            }

            var hiredIn = clock.Elapsed.TotalSeconds;
            await UntilAsync(app.Services, async db => await db.DirectoryUsers.CountAsync(u => u.CompanyId == companyId && u.PersonioEmployeeId != null
                && hired.Contains(u.PersonioEmployeeId!.Value)) == hired.Count, TimeSpan.FromMinutes(15));
            var burstRequests = await PersonioRequestsAsync(sandbox);
            rows.Add($"| {label} | burst of {burst} hires (entered in {hiredIn:F1} s) until all are users | {clock.Elapsed.TotalSeconds:F1} | | | {burstRequests:N0} | {(double)burstRequests / burst:F1} | {await RunsAsync(app.Services, companyId) - runsBefore} |");
            await app.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(folder, recursive: true);
        }

        return rows;
    }

    /// <summary>Issues the company's token in Rollcall and enters it in Personio by hand, as an admin would for an http address.</summary>
    private static async Task SetUpWebhookAsync(IServiceProvider services, SandboxServer sandbox, SandboxCompany personio, Uri url, Guid companyId)
    {
        string token;
        await using (var scope = services.CreateAsyncScope())
        {
            (token, _) = await scope.ServiceProvider.GetRequiredService<WebhookRegistration>().IssueAsync(companyId, CancellationToken.None);
        }

        var auth = await sandbox.Control.PostAsync("/v2/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = personio.ClientId, ["client_secret"] = personio.Secret,
        }));
        var accessToken = (await auth.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("access_token").GetString();
        using var register = new HttpRequestMessage(HttpMethod.Post, "/v2/webhooks")
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["url"] = new Uri(url, $"/hooks/personio/{companyId}").AbsoluteUri, ["status"] = "ENABLED", ["auth_type"] = "TOKEN", ["token"] = token,
                ["enabled_events"] = new List<string> { "person.created", "person.updated", "person.deleted", "employment.created", "employment.updated", "employment.deleted" },
            }),
        };
        register.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var registered = await sandbox.Control.SendAsync(register);
        registered.EnsureSuccessStatusCode();
    }

    /// <summary>Personio API requests the sandbox counted (its control API is not counted).</summary>
    private static async Task<int> PersonioRequestsAsync(SandboxServer sandbox) => (await sandbox.RequestCountsAsync()).Values.Sum();

    private static Task<int> RunsAsync(IServiceProvider services, Guid companyId) =>
        WithDbAsync(services, db => db.SyncRuns.CountAsync(r => r.CompanyId == companyId));

    private static async Task UntilAsync(IServiceProvider services, Func<RollcallDbContext, Task<bool>> condition, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!await WithDbAsync(services, condition))
        {
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException("The change did not reach the directory in time.");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<T> WithDbAsync<T>(IServiceProvider services, Func<RollcallDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RollcallDbContext>());
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
    }
}
