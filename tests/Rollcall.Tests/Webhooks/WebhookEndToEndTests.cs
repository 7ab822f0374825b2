using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data.Directory;
using Rollcall.Data.Sync;
using Rollcall.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Webhooks;

/// <summary>
/// The whole event path over real HTTP, nothing simulated: HR changes people in the sandbox, the sandbox delivers its
/// webhooks to Rollcall on a loopback port, Rollcall's own processing loop turns them into targeted runs, and the
/// directory follows — with no full read, as the sandbox's request counts show.
/// </summary>
public sealed class WebhookEndToEndTests
{
    private const string Person = "GET /v2/persons/{id}";
    private const string Employments = "GET /v2/persons/{id}/employments";

    [Fact]
    public async Task HireEmailChangeTerminationAndABurstOf500Hires_ReachTheDirectoryThroughEventsAlone()
    {
        await using var sandbox = SandboxServer.Start(new Dictionary<string, string?> { ["Sandbox:RateLimits:Enabled"] = "false" });
        var personio = await sandbox.CreateCompanyAsync(30);
        await using var app = RollcallApp.StartOnLoopback(new Dictionary<string, string?>
        {
            ["Personio:BaseUrl"] = sandbox.BaseUrl.ToString(),
            ["Personio:RetryBaseDelay"] = "00:00:00.050",
            ["Sync:ScheduleNightlyRuns"] = "false",
            ["Webhooks:Process"] = "true",
            ["Webhooks:QuietPeriod"] = "00:00:01",
            ["Webhooks:PollInterval"] = "00:00:00.200",
        });
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);
        await SyncScenario.AssertOkAsync(await api.PutAsJsonAsync($"/api/companies/{company.Id}/personio/credentials",
            new { clientId = personio.ClientId, clientSecret = personio.Secret }));
        await FullSyncAsync(app, company.Id);
        await RegisterByHandAsync(sandbox, personio, new Uri(app.Url!, $"/hooks/personio/{company.Id}"), await WebhookKit.IssueTokenAsync(app, company));
        var employees = $"/_sandbox/companies/{personio.Id}/employees";

        await sandbox.ResetRequestCountsAsync();
        var hired = (await sandbox.PostAsync(employees, new { first_name = "Nina", last_name = "Neu", email = "nina.neu@example.test" })).GetProperty("id").GetInt64();
        var nina = await UntilAsync(app, db => db.DirectoryUsers.SingleOrDefaultAsync(u => u.CompanyId == company.Id && u.PersonioEmployeeId == hired));
        var forTheHire = await sandbox.DataRequestsAsync();

        await sandbox.ResetRequestCountsAsync();
        await sandbox.SendAsync(HttpMethod.Put, $"{employees}/{hired}/email", new { email = "nina.new@example.test" });
        await UntilAsync(app, db => db.DirectoryUsers.SingleOrDefaultAsync(u => u.Id == nina.Id && u.Email == "nina.new@example.test"));
        var forTheEmail = await sandbox.DataRequestsAsync();

        await sandbox.ResetRequestCountsAsync();
        var leaver = (await app.WithDbAsync(db => db.DirectoryUsers.Where(u => u.CompanyId == company.Id && u.PersonioEmployeeId != null && u.Id != nina.Id)
            .OrderBy(u => u.PersonioEmployeeId).FirstAsync())).PersonioEmployeeId!.Value;
        var yesterday = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await sandbox.PostAsync($"{employees}/{leaver}/terminate", new { termination_date = yesterday });
        await UntilAsync(app, db => db.DirectoryUsers.SingleOrDefaultAsync(u => u.CompanyId == company.Id && u.PersonioEmployeeId == leaver && u.Status == UserStatus.Deactivated));
        var forTheTermination = await sandbox.DataRequestsAsync();

        await sandbox.ResetRequestCountsAsync();
        var runsBefore = await app.WithDbAsync(db => db.SyncRuns.CountAsync(r => r.CompanyId == company.Id && r.Trigger == SyncTrigger.Webhook));
        var burst = new List<long>();
        for (var i = 0; i < 500; i++)
        {
            burst.Add((await sandbox.PostAsync(employees, new { first_name = "Burst", last_name = $"Hire {i + 1}" })).GetProperty("id").GetInt64());
        }

        await UntilAsync(app, async db => await db.DirectoryUsers.CountAsync(u => u.CompanyId == company.Id && u.PersonioEmployeeId != null
            && burst.Contains(u.PersonioEmployeeId!.Value)) == 500 ? (object)true : null, TimeSpan.FromMinutes(3));
        var forTheBurst = await sandbox.DataRequestsAsync();
        var burstRuns = await app.WithDbAsync(db => db.SyncRuns.CountAsync(r => r.CompanyId == company.Id && r.Trigger == SyncTrigger.Webhook)) - runsBefore;
        var fullRuns = await app.WithDbAsync(db => db.SyncRuns.CountAsync(r => r.CompanyId == company.Id && r.Trigger != SyncTrigger.Webhook));

        // Per change: the person and its employments (and the attribute list once per run), never a page of the list.
        Assert.All([forTheHire, forTheEmail, forTheTermination], requests =>
        {
            Assert.Equal(1, requests.GetValueOrDefault(Person));
            Assert.Equal(1, requests.GetValueOrDefault(Employments));
            Assert.True(requests.Values.Sum() <= 3, string.Join(", ", requests));
        });
        Assert.Equal(UserStatus.Invited, nina.Status);
        // The burst: every person read once or twice (an event may fall into the next run), no list read, a few runs.
        Assert.InRange(forTheBurst.GetValueOrDefault(Person), 500, 600);
        Assert.InRange(forTheBurst.GetValueOrDefault(Employments), 500, 600);
        Assert.DoesNotContain(forTheBurst.Keys, k => k is "GET /v1/company/employees" or "GET /v2/persons");
        Assert.InRange(burstRuns, 1, 10);
        Assert.Equal(1, fullRuns); // only the first sync read the whole company
    }

    private static async Task FullSyncAsync(RollcallApp app, Guid companyId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<SyncEngine>().RunAsync(companyId, SyncTrigger.Manual, false, null, CancellationToken.None);
        Assert.Equal(RunState.Succeeded, run.Value?.State);
    }

    /// <summary>The webhook entered in Personio by hand, as for an address Personio would not take (http on loopback).</summary>
    private static async Task RegisterByHandAsync(SandboxServer sandbox, SandboxCompany personio, Uri receiver, string token)
    {
        using var register = new HttpRequestMessage(HttpMethod.Post, "/v2/webhooks")
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["url"] = receiver.AbsoluteUri, ["status"] = "ENABLED", ["auth_type"] = "TOKEN", ["token"] = token,
                ["enabled_events"] = new List<string> { "person.created", "person.updated", "person.deleted", "employment.created", "employment.updated", "employment.deleted" },
            }),
        };
        register.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await WebhookKit.SandboxTokenAsync(sandbox, personio.ClientId, personio.Secret));
        Assert.Equal(HttpStatusCode.Created, (await sandbox.Control.SendAsync(register)).StatusCode);
    }

    private static async Task<T> UntilAsync<T>(RollcallApp app, Func<Rollcall.Data.RollcallDbContext, Task<T?>> found, TimeSpan? timeout = null)
        where T : class
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await app.WithDbAsync(found) is { } value)
            {
                return value;
            }

            if (waited.Elapsed > (timeout ?? TimeSpan.FromSeconds(60)))
            {
                var runs = await app.WithDbAsync(db => db.SyncRuns.AsNoTracking().OrderBy(r => r.StartedAt).ToListAsync());
                var events = await app.WithDbAsync(db => db.WebhookEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
                var steps = await app.WithDbAsync(db => db.SyncRunSteps.AsNoTracking().ToListAsync());
                Assert.Fail("The change did not reach the directory in time. Runs: "
                    + string.Join("; ", runs.Select(r => $"{r.Trigger} {r.State} {r.Reason} c{r.Created} u{r.Updated} d{r.Deactivated} w{r.Warnings} t{r.Targeted}"))
                    + " Events: " + string.Join("; ", events.Select(e => $"{e.EventName} p{e.PersonId} {(e.ProcessedAt is null ? "waiting" : "done")}"))
                    + " Steps: " + string.Join("; ", steps.TakeLast(10).Select(st => $"{st.Kind} {st.Status} {st.PersonioEmployeeId} {st.Reason}")));
            }
            await Task.Delay(100);
        }
    }
}
