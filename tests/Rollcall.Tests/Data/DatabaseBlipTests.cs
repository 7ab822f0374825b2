using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data;
using Rollcall.Data.Audit;
using Rollcall.Data.Outbox;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Data;

/// <summary>
/// A database blip (PostgreSQL restarting, a failover, SQLite busy for longer than its timeout) is retried: a run's
/// batch is applied once, whole, and the API answers as usual.
/// </summary>
public sealed class DatabaseBlipTests
{
    /// <summary>
    /// A query each batch of a run sends inside its transaction before writing (the run's invitations counted again):
    /// the batch's rows themselves go by COPY, which no EF Core command interceptor sees.
    /// </summary>
    private static bool BatchQuery(string sql) =>
        sql.Contains("count(*)", StringComparison.Ordinal) && sql.Contains("FROM \"OutboxMessages\"", StringComparison.Ordinal) && sql.Contains("\"RunId\" =", StringComparison.Ordinal);

    [Fact]
    public async Task Sync_ConnectionsDroppedWhileABatchIsWritten_RunSucceedsEveryUserAuditAndInvitationOnce_ApiNever500()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var blip = new DropConnectionsOnInsert(database, BatchQuery, fireOn: 3);
        await using var s = await SyncScenario.ConnectedAsync(new Dictionary<string, string?> { ["Sync:BatchSize"] = "5" }, database,
            services: services => services.ConfigureDbContext<RollcallDbContext>(o => o.AddInterceptors(blip)));
        var ids = await s.HireManyAsync(20);

        var running = s.SyncAsync();
        var statuses = new List<HttpStatusCode>();
        while (!running.IsCompleted)
        {
            statuses.Add((await s.Api.GetAsync($"/api/companies/{s.Company.Id}/users", TestContext.Current.CancellationToken)).StatusCode);
        }

        var run = await running;
        var users = await s.PersonioUsersAsync();
        var audit = await s.App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.CompanyId == s.Company.Id && a.CauseKind == ChangeCauseKind.SyncRun).Select(a => new { a.UserId, a.Action }).ToListAsync());
        var invitations = await s.MessagesAsync(MessageKind.Invitation);

        Assert.True(blip.Dropped > 0, "the blip never happened");
        Assert.True(run.State == RunState.Succeeded, run.Reason?.ToString());
        Assert.Equal(20, run.Created);
        Assert.Equal(ids.Order(), users.Select(u => u.PersonioEmployeeId!.Value).Order());
        Assert.Equal(users.Select(u => u.Id).Order(), audit.Where(a => a.Action == AuditActions.UserCreated).Select(a => a.UserId).Order());
        Assert.Equal(20, audit.Count);
        Assert.Equal(users.Select(u => u.Id).Order(), invitations.Select(m => m.UserId!.Value).Order());
        Assert.Equal(20, (await s.StepsAsync(run.Id)).Count);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Sync_ABatchCommitLandsButItsAnswerIsLost_CheckedNotAppliedTwice()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var lost = new LoseCommitAnswer(BatchQuery, afterInsert: 2);
        await using var s = await SyncScenario.ConnectedAsync(new Dictionary<string, string?> { ["Sync:BatchSize"] = "5" }, database,
            services: services => services.ConfigureDbContext<RollcallDbContext>(o => o.AddInterceptors(lost)));
        var ids = await s.HireManyAsync(15);

        var run = await s.SyncAsync();
        var users = await s.PersonioUsersAsync();

        Assert.True(lost.Fired, "no commit answer was lost");
        Assert.True(run.State == RunState.Succeeded, run.Reason?.ToString());
        Assert.Equal(ids.Order(), users.Select(u => u.PersonioEmployeeId!.Value).Order());
        Assert.Equal(15, await s.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.CompanyId == s.Company.Id && a.CauseKind == ChangeCauseKind.SyncRun)));
        Assert.Equal(15, (await s.MessagesAsync(MessageKind.Invitation)).Count);
    }

    [Fact]
    public async Task Api_EveryPooledConnectionDropped_NextRequestRetriedNot500()
    {
        await using var database = await TestDatabase.PostgresAsync();
        await using var s = await SyncScenario.ConnectedAsync(database: database);
        var users = $"/api/companies/{s.Company.Id}/users";
        // A few requests at once, so the pool holds several connections, all of which the blip kills.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => s.Api.GetAsync(users, TestContext.Current.CancellationToken)));

        var dropped = await database.DropConnectionsAsync();
        var afterwards = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => s.Api.GetAsync(users, TestContext.Current.CancellationToken)));

        Assert.True(dropped > 0);
        Assert.All(afterwards, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task Sync_SqliteLockedLongerThanItsBusyTimeout_BatchRetriedAndTheRunSucceeds()
    {
        await using var database = TestDatabase.Sqlite();
        await using var s = await SyncScenario.ConnectedAsync(new Dictionary<string, string?>
        {
            ["Database:SqliteBusyTimeout"] = "00:00:00.200",
            ["Database:MaxRetryDelay"] = "00:00:00.500",
        }, database);
        await s.HireManyAsync(5);

        // Another writer (a backup tool, a second process) holds SQLite's one write lock for a while.
        await using var other = new SqliteConnection(database.ConnectionString);
        await other.OpenAsync(TestContext.Current.CancellationToken);
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var running = s.SyncAsync();
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        var whileLocked = running.IsCompleted;
        await using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        var run = await running;

        Assert.False(whileLocked);
        Assert.True(run.State == RunState.Succeeded, run.Reason?.ToString());
        Assert.Equal(5, (await s.PersonioUsersAsync()).Count);
        Assert.Equal(5, await s.App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.CompanyId == s.Company.Id && a.CauseKind == ChangeCauseKind.SyncRun)));
    }

    /// <summary>Test-only: on the <c>fireOn</c>-th command <paramref name="insert"/> matches, drops every connection to the database first.</summary>
    private sealed class DropConnectionsOnInsert(TestDatabase database, Func<string, bool> insert, int fireOn) : DbCommandInterceptor
    {
        private int _seen;

        public int Dropped { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (insert(command.CommandText) && Interlocked.Increment(ref _seen) == fireOn)
            {
                Dropped = await database.DropConnectionsAsync();
            }

            return result;
        }
    }

    /// <summary>
    /// Test-only: the commit of the transaction that sent the <c>afterInsert</c>-th command matching
    /// <paramref name="insert"/> lands, but the caller hears a broken connection instead, once.
    /// </summary>
    private sealed class LoseCommitAnswer(Func<string, bool> insert, int afterInsert) : IDbCommandInterceptor, IDbTransactionInterceptor
    {
        private int _seen;
        private bool _armed;

        public bool Fired { get; private set; }

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (insert(command.CommandText) && Interlocked.Increment(ref _seen) == afterInsert)
            {
                _armed = true;
            }

            return ValueTask.FromResult(result);
        }

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (_armed && !Fired)
            {
                Fired = true;
                throw new Npgsql.NpgsqlException("The connection broke before the commit was acknowledged (simulated).", new IOException("reset"));
            }

            return Task.CompletedTask;
        }
    }
}
