using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using Rollcall.Data.Sync;
using Rollcall.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>
/// Quartz's store in the database: nightly triggers survive a restart untouched, a nightly run missed while Rollcall was
/// down runs once when it is back, a time-zone change moves the next run, and a "Sync now" queued on one node runs on another.
/// </summary>
public sealed class PersistentScheduleTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task NightlyTrigger_SurvivesARestart_Unchanged(string provider)
    {
        await using var sandbox = SandboxServer.Start();
        await using var database = await DatabaseAsync(provider);
        var settings = Settings(sandbox);
        ITrigger before;
        TestCompany company;
        await using (var first = RollcallApp.Start(database, settings, ownsDatabase: false))
        {
            company = await ConnectAsync(first, sandbox, "03:30");
            before = (await NightlyAsync(first, company.Id))!;
        }

        await Task.Delay(1100); // a trigger built now would start at a later second than the stored one
        await using var second = RollcallApp.Start(database, settings, ownsDatabase: false);
        var after = await NightlyAsync(second, company.Id);

        Assert.NotNull(after);
        Assert.Equal(before.StartTimeUtc, after.StartTimeUtc); // the same trigger, not a replacement
        Assert.Equal(before.NextFireTimeUtc, after.NextFireTimeUtc);
        Assert.Equal("0 30 3 * * ?", ((ICronTrigger)after).CronExpressionString);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task NightlyRunMissedWhileDown_RunsOnceWhenRollcallIsBack(string provider)
    {
        await using var sandbox = SandboxServer.Start();
        await using var database = await DatabaseAsync(provider);
        var settings = Settings(sandbox);
        TestCompany company;
        await using (var first = RollcallApp.Start(database, settings, ownsDatabase: false))
        {
            company = await ConnectAsync(first, sandbox, "03:30");
            // Rollcall stops; while it is down, the company's nightly time passes.
            var stored = (await NightlyAsync(first, company.Id))!.NextFireTimeUtc!.Value;
            await first.DisposeAsync();
            await MoveNightlyAsync(database, company.Id, stored, TimeProvider.System.GetUtcNow().AddMinutes(-10));
        }

        await using var second = RollcallApp.Start(database, settings, ownsDatabase: false);
        var api = second.ApiClient(company.ApiKey);
        var run = await WaitForRunAsync(api, company.Id, r => r["trigger"]!.GetValue<string>() == "schedule" && r["state"]!.GetValue<string>() != "running");
        await Task.Delay(3000); // several misfire rounds and scheduler passes: nothing fires twice
        var runs = await RunsAsync(api, company.Id);
        var next = (await NightlyAsync(second, company.Id))!.NextFireTimeUtc;

        Assert.Equal("succeeded", run["state"]!.GetValue<string>());
        Assert.Single(runs);
        Assert.True(next > TimeProvider.System.GetUtcNow(), $"next nightly run {next}"); // back on its schedule
    }

    [Fact]
    public async Task CompanyTimeZoneChange_MovesTheNextNightlyRun()
    {
        await using var sandbox = SandboxServer.Start();
        await using var app = RollcallApp.Start(settings: Settings(sandbox));
        var company = await ConnectAsync(app, sandbox, "03:30");
        var api = app.ApiClient(company.ApiKey);

        var changed = await api.PutAsJsonAsync($"/api/companies/{company.Id}", new { timeZone = "America/New_York" });
        var view = await (await api.GetAsync($"/api/companies/{company.Id}/personio")).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var next = view["nextRunAt"]!.GetValue<DateTimeOffset>();
        var newYork = TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Equal((3, 30), (newYork.Hour, newYork.Minute));
        Assert.InRange(next - TimeProvider.System.GetUtcNow(), TimeSpan.Zero, TimeSpan.FromHours(24));
        Assert.Equal("America/New_York", ((ICronTrigger)(await NightlyAsync(app, company.Id))!).TimeZone.Id);
    }

    [Fact]
    public async Task SyncNow_QueuedOnANodeThatRunsNoJobs_IsRunByAnotherNode()
    {
        await using var sandbox = SandboxServer.Start();
        await using var database = await TestDatabase.PostgresAsync();
        var settings = Settings(sandbox);
        settings["Sync:ScheduleNightlyRuns"] = "false";
        await using var worker = RollcallApp.Start(database, settings, ownsDatabase: false);
        settings["Scheduler:RunJobs"] = "false";
        await using var front = RollcallApp.Start(database, settings, ownsDatabase: false);
        var company = await ConnectAsync(front, sandbox, "03:30");
        var api = front.ApiClient(company.ApiKey);

        var accepted = await (await api.PostAsync($"/api/companies/{company.Id}/personio/sync", null)).ReadJsonAsync(HttpStatusCode.Accepted);
        var run = await WaitForRunAsync(api, company.Id, r => r["state"]!.GetValue<string>() != "running");

        Assert.Equal(accepted["id"]!.GetValue<Guid>(), run["id"]!.GetValue<Guid>());
        Assert.Equal(("succeeded", 3), (run["state"]!.GetValue<string>(), run["read"]!.GetValue<int>()));
        Assert.False((await front.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).Status == SchedulerStatus.Running); // the front node ran nothing
    }

    private static Dictionary<string, string?> Settings(SandboxServer sandbox) => new()
    {
        ["Personio:BaseUrl"] = sandbox.BaseUrl.ToString(),
        ["Personio:RetryBaseDelay"] = "00:00:00.050",
        ["Scheduler:MisfireThreshold"] = "00:00:01",
        ["Scheduler:IdleWaitTime"] = "00:00:01",
        ["Scheduler:ClusterCheckinInterval"] = "00:00:01",
        ["Scheduler:ClusterCheckinGrace"] = "00:00:02",
    };

    private static async Task<TestDatabase> DatabaseAsync(string provider) =>
        provider == "Postgres" ? await TestDatabase.PostgresAsync() : TestDatabase.Sqlite();

    /// <summary>A company connected to a fresh sandbox company of three people, syncing nightly at <paramref name="nightlyAt"/> Berlin time.</summary>
    private static async Task<TestCompany> ConnectAsync(RollcallApp app, SandboxServer sandbox, string nightlyAt)
    {
        var personio = await sandbox.CreateCompanyAsync(3);
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);
        var path = $"/api/companies/{company.Id}/personio";
        await SyncScenario.AssertOkAsync(await api.PutAsJsonAsync($"{path}/credentials", new { clientId = personio.ClientId, clientSecret = personio.Secret }));
        await SyncScenario.AssertOkAsync(await api.PatchAsJsonAsync($"{path}/settings", new { nightlyAt }));
        return company;
    }

    private static async Task<ITrigger?> NightlyAsync(RollcallApp app, Guid companyId) =>
        await (await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).GetTrigger(SyncSchedule.TriggerOf(companyId));

    private static async Task<List<System.Text.Json.Nodes.JsonNode>> RunsAsync(HttpClient api, Guid companyId) =>
        [.. (await (await api.GetAsync($"/api/companies/{companyId}/personio/runs")).ReadJsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(r => r!)];

    private static async Task<System.Text.Json.Nodes.JsonNode> WaitForRunAsync(HttpClient api, Guid companyId, Func<System.Text.Json.Nodes.JsonNode, bool> done)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if ((await RunsAsync(api, companyId)).FirstOrDefault(done) is { } run)
            {
                return run;
            }

            await Task.Delay(100);
        }

        Assert.Fail("No such run in time.");
        return null!;
    }

    /// <summary>
    /// Moves the stored next fire time of the company's nightly trigger, as if Rollcall had been down at that moment. Quartz
    /// keeps fire times as UTC ticks; the stored value is checked first, so a change of format fails here, not silently.
    /// </summary>
    private static async Task MoveNightlyAsync(TestDatabase database, Guid companyId, DateTimeOffset stored, DateTimeOffset to)
    {
        await using DbConnection connection = database.Provider == "Postgres"
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(Path.GetDirectoryName(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource)!, "scheduler.db")}");
        await connection.OpenAsync();
        var key = SyncSchedule.TriggerOf(companyId);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE qrtz_triggers SET next_fire_time = @to WHERE trigger_name = @name AND trigger_group = @group AND next_fire_time = @stored";
        foreach (var (name, value) in (ValueTuple<string, object>[])[("@to", to.UtcTicks), ("@name", key.Name), ("@group", key.Group), ("@stored", stored.UtcTicks)])
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
