using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Rollcall.Data;

/// <summary>
/// Creates and migrates the database on start, before the server accepts requests (hosted services start
/// before the web server). Retries for a while, so a PostgreSQL that starts alongside Rollcall is waited for.
/// </summary>
internal sealed partial class DatabaseMigrator(IServiceProvider services, TimeProvider time, ILogger<DatabaseMigrator> logger) : IHostedService
{
    private const int Attempts = 10;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await MigrateAsync(services, cancellationToken);
                await HintWhenEmptyAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (attempt < Attempts && IsTransient(e))
            {
                LogRetry(logger, attempt, Attempts, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(attempt), time, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task HintWhenEmptyAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<RollcallDbContext>().Companies.AnyAsync(cancellationToken))
        {
            LogNoCompany(logger);
        }
    }

    /// <summary>Creates the database if it is missing and applies every pending migration; returns how many were applied.</summary>
    public static async Task<int> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
        if (db.Database.IsSqlite())
        {
            SqlitePragmaInterceptor.EnsureDirectoryFor(db.Database.GetConnectionString()!);
        }

        // Asking a fresh database for its applied migrations makes EF log a failed query; ask whether the history exists first.
        var history = db.GetService<IHistoryRepository>();
        var applied = await db.Database.CanConnectAsync(cancellationToken) && await history.ExistsAsync(cancellationToken)
            ? (await history.GetAppliedMigrationsAsync(cancellationToken)).Count
            : 0;
        await db.Database.MigrateAsync(cancellationToken);
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<DatabaseMigrator>>();
        var migrations = db.Database.GetMigrations().Count();
        LogMigrated(logger, db.Database.ProviderName ?? "?", migrations - applied);
        return migrations - applied;
    }

    /// <summary>
    /// For a command-line verb: asks which migrations the database lacks (the history table only) and migrates only when
    /// one is pending, such as on a fresh database. Returns how many were applied.
    /// </summary>
    public static async Task<int> MigrateWhenPendingAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
            var history = db.GetService<IHistoryRepository>();
            var applied = await db.Database.CanConnectAsync(cancellationToken) && await history.ExistsAsync(cancellationToken)
                ? (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(m => m.MigrationId).ToHashSet(StringComparer.Ordinal)
                : [];
            if (db.Database.GetMigrations().All(applied.Contains))
            {
                return 0;
            }
        }

        return await MigrateAsync(services, cancellationToken);
    }

    private static bool IsTransient(Exception e) => e is System.Net.Sockets.SocketException or TimeoutException
        || e.InnerException is System.Net.Sockets.SocketException
        || e is Npgsql.NpgsqlException { IsTransient: true };

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database ready ({Provider}); {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, string provider, int count);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "No company yet. Create one and its first admin with: Rollcall create-company --name \"Acme GmbH\" --admin-email admin@acme.example")]
    private static partial void LogNoCompany(ILogger logger);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Database not reachable (attempt {Attempt} of {Attempts}): {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, int attempts, string reason);
}
