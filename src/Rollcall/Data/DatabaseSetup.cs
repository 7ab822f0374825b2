using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rollcall.Data.Audit;
using Rollcall.Endpoints;

namespace Rollcall.Data;

internal static class DatabaseSetup
{
    public static IHostApplicationBuilder AddRollcallDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is Postgres.")
            .ValidateOnStart();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AuditingInterceptor>();
        builder.Services.AddSingleton<SqlitePragmaInterceptor>();
        // The model is compiled ahead, one per provider, beside its migrations (ADR-027): building it from the entity
        // configurations took a command-line verb most of its start-up. Regenerate both after any change of the model.
        builder.Services.AddDbContext<RollcallDbContext>((services, db) =>
        {
            var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (options.Provider == DatabaseProvider.Postgres)
            {
                // Transient failures (a dropped connection, a restart, a failover) are retried; explicit transactions go
                // through DatabaseUnits so the whole unit is retried.
                db.UseNpgsql(options.ConnectionString, o => o.MigrationsAssembly("Rollcall.Migrations.Postgres")
                    .EnableRetryOnFailure(options.MaxRetries, options.MaxRetryDelay, errorCodesToAdd: null));
                db.UseModel(Rollcall.Migrations.Postgres.CompiledModel.RollcallDbContextModel.Instance);
            }
            else
            {
                // Microsoft.Data.Sqlite keeps retrying a busy command until its command timeout (30 s by default), on top of
                // SQLite's busy_timeout: the command timeout is the busy timeout too, so a lock held longer is retried as a unit.
                db.UseSqlite(SqliteConnectionString(options), o => o.MigrationsAssembly("Rollcall.Migrations.Sqlite")
                        .CommandTimeout(Math.Max(1, (int)Math.Ceiling(options.SqliteBusyTimeout.TotalSeconds)))
                        .ExecutionStrategy(d => new SqliteRetryingExecutionStrategy(d, options.MaxRetries, options.MaxRetryDelay)))
                  .AddInterceptors(services.GetRequiredService<SqlitePragmaInterceptor>());
                db.UseModel(Rollcall.Migrations.Sqlite.CompiledModel.RollcallDbContextModel.Instance);
            }

            db.AddInterceptors(services.GetRequiredService<AuditingInterceptor>());
            if (services.GetService<Rollcall.ConfigAudit.ConfigChangeInterceptor>() is { } configChanges)
            {
                db.AddInterceptors(configChanges); // hosts that change no configuration (a bare sync verb) go without
            }
        });
        builder.Services.AddScoped<DatabaseClock>();
        builder.Services.AddSingleton<Bulk.IBatchWriter, Bulk.BulkBatchWriter>(); // a run's batches, set-based (ADR-023)
        return builder;
    }

    /// <summary>
    /// The server's database start-up: migrated before any other hosted service starts (it is registered first), and the
    /// database's readiness check. A command-line verb checks for pending migrations itself instead.
    /// </summary>
    public static IHostApplicationBuilder AddDatabaseMigrator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready], timeout: TimeSpan.FromSeconds(10));
        return builder;
    }

    /// <summary>
    /// Quartz's SQLite file, <c>scheduler.db</c> beside Rollcall's: the scheduler's own writes (acquiring and completing
    /// triggers) then never wait behind a sync's batch for SQLite's one writer, nor a batch behind them.
    /// </summary>
    public static string SchedulerSqliteConnectionString(DatabaseOptions options)
    {
        var rollcall = new SqliteConnectionStringBuilder(SqliteConnectionString(options));
        var folder = Path.GetDirectoryName(Path.GetFullPath(rollcall.DataSource)) ?? ".";
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "scheduler.db"), Pooling = true }.ToString();
    }

    private static string SqliteConnectionString(DatabaseOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        var file = Path.Combine(Path.GetFullPath(options.DataDirectory), "rollcall.db");
        return new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
    }
}
