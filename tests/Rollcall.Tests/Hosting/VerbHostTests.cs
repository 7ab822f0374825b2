using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rollcall.Companies;
using Rollcall.Data;
using Rollcall.Hosting;
using Rollcall.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Hosting;

/// <summary>
/// The host of <c>create-company</c>, <c>create-api-key</c> and <c>sync</c>: only what the verbs use, nothing started, the
/// database migrated only when a migration is pending.
/// </summary>
public sealed class VerbHostTests
{
    [Fact]
    public Task VerbHost_FreshSqliteDatabase_MigratedOnceWithoutWebServerOrScheduler() => FreshDatabaseAsync(TestDatabase.Sqlite());

    [Fact]
    public async Task VerbHost_FreshPostgresDatabase_MigratedOnceWithoutWebServerOrScheduler() => await FreshDatabaseAsync(await TestDatabase.PostgresAsync());

    private static async Task FreshDatabaseAsync(TestDatabase database)
    {
        await using var _ = database;
        var ct = TestContext.Current.CancellationToken;
        // Development: the host checks on build that every registered service can be made from what is registered.
        string[] args = ["--environment=Development", "--Database:Provider=" + database.Provider, "--Database:ConnectionString=" + database.ConnectionString,
            "--Logging:LogLevel:Default=Warning"];

        using (var host = await RollcallHost.BuildVerbHostAsync(args, ct))
        {
            // No migrator, no Quartz, no dispatcher, no loop: at most Data Protection's key-ring loader, which starts with a host (this one never starts).
            Assert.All(host.Services.GetServices<IHostedService>(), s => Assert.StartsWith("Microsoft.AspNetCore.DataProtection.", s.GetType().FullName, StringComparison.Ordinal));
            Assert.Null(host.Services.GetService<IServer>());
            Assert.Null(host.Services.GetService<SyncQueue>());
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
            Assert.NotNull(scope.ServiceProvider.GetRequiredService<CompanySetup>());
            Assert.NotNull(scope.ServiceProvider.GetRequiredService<SyncEngine>());
            Assert.Equal(0, await DatabaseMigrator.MigrateWhenPendingAsync(host.Services, ct));
            Assert.False(await SchedulerTouchedAsync(db, database, ct), "The verb host created no scheduler and touched no Quartz table");
        }

        using (var again = await RollcallHost.BuildVerbHostAsync(args, ct))
        {
            await using var scope = again.Services.CreateAsyncScope();
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<RollcallDbContext>().Database.GetPendingMigrationsAsync(ct));
        }
    }

    private static async Task<bool> SchedulerTouchedAsync(RollcallDbContext db, TestDatabase database, CancellationToken ct)
    {
        if (database.Provider == "Sqlite")
        {
            var folder = Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource)!;
            return File.Exists(Path.Combine(folder, "scheduler.db"));
        }

        return await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_name ILIKE 'qrtz%'").SingleAsync(ct) > 0;
    }
}
