using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_AllWell_LiveReadyAndHealthAre200Healthy()
    {
        await using var app = RollcallApp.Start();
        var client = app.CreateClient();
        await ReadyAsync(client);

        foreach (var path in new[] { "/health/live", "/health/ready", "/health" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Ready_DatabaseLacksAMigration_503_WhileLiveStays200()
    {
        await using var app = RollcallApp.Start();
        await ReadyAsync(app.CreateClient());
        // As if this node were newer than its database: the last migration it knows is not recorded as applied.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\")"));
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Ready_SchedulerOnStandby_503_UntilItRunsAgain()
    {
        await using var app = RollcallApp.Start();
        var client = app.CreateClient();
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await ReadyAsync(client); // the scheduler starts in the background once the host has started

        await scheduler.Standby();
        var onStandby = await client.GetAsync("/health/ready");
        await scheduler.Start();
        var running = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, onStandby.StatusCode);
        Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Ready_NodeThatRunsNoJobs_ReadyWithItsSchedulerOnStandby_UntilItShutsDown()
    {
        await using var app = RollcallApp.Start(settings: new Dictionary<string, string?> { ["Scheduler:RunJobs"] = "false" });
        var client = app.CreateClient();
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var onStandby = await client.GetAsync("/health/ready");
        await scheduler.Shutdown();
        var shutDown = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, onStandby.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, shutDown.StatusCode);
    }

    [Fact]
    public async Task Ready_PostgresDatabaseGone_503_NamingNoConnectionDetail_WhileLiveStays200()
    {
        var database = await TestDatabase.PostgresAsync();
        await using var app = RollcallApp.Start(database);
        var client = app.CreateClient();
        await ReadyAsync(client);
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;

        NpgsqlConnection.ClearAllPools();
        await using (var server = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
        {
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE {name} WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }

        var ready = await client.GetAsync("/health/ready");
        var body = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", body);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    /// <summary>Waits until the node is ready (Quartz starts its scheduler in the background, just after the host).</summary>
    private static async Task ReadyAsync(HttpClient client)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "The node did not become ready.");
            await Task.Delay(50);
        }
    }
}
