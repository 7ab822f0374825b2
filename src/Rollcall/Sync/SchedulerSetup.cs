using Quartz;
using Rollcall.Data;

namespace Rollcall.Sync;

/// <summary>
/// Quartz on Rollcall's database, chosen by <c>Database:Provider</c>: on PostgreSQL a clustered store in Rollcall's own
/// database (every node sharing it and <see cref="SchedulerOptions.InstanceName"/> is one cluster, each node with a
/// generated id); on SQLite a persistent store in a file of its own beside <c>rollcall.db</c>, for one node. Quartz
/// creates its tables on start when they are missing.
/// </summary>
internal static class SchedulerSetup
{
    private static readonly TimeSpan MisfireScan = TimeSpan.FromSeconds(5);

    /// <summary>Quartz configured on its store: triggers can be written and read; nothing fires until it is started (<see cref="AddSchedulerStart"/>).</summary>
    public static IHostApplicationBuilder AddSchedulerStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Quartz is configured while services are registered, so it reads the settings now; a bad value is reported by the
        // validation on start, before the scheduler is ever built, so it falls back to the defaults here.
        var options = Read(builder, () => builder.Configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>()) ?? new SchedulerOptions();
        var database = Read(builder, () => builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()) ?? new DatabaseOptions();
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = options.InstanceName;
                s.IdleWaitTime = options.IdleWaitTime;
            });
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = Math.Clamp(
                options.MaxConcurrentRuns ?? (database.Provider == DatabaseProvider.Postgres ? 4 : 1), 1, 64));
            q.UsePersistentStore(store =>
            {
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(database.ConnectionString ?? "");
                    q.UseInstanceIdGenerator<NodeIdGenerator>();
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = options.ClusterCheckinInterval;
                        c.CheckinMisfireThreshold = options.ClusterCheckinGrace;
                    });
                }
                else
                {
                    store.UseSqlite(DatabaseSetup.SchedulerSqliteConnectionString(database));
                }

                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                store.ConfigureStore(s =>
                {
                    s.MisfireThreshold = options.MisfireThreshold;
                    // Quartz looks for misfired triggers only every MisfireThreshold by default. On a night when more
                    // companies are due than a node can start within the threshold, the rest would wait up to a whole
                    // threshold for that scan with the node idle; a short scan lets them go on at once.
                    s.MisfireHandlerFrequency = options.MisfireThreshold < MisfireScan ? options.MisfireThreshold : MisfireScan;
                    s.StoreJobDataAsStrings = true;
                });
            });
        });
        return builder;
    }

    /// <summary>The scheduler started with the host and stopped with it, its running jobs finished first.</summary>
    public static IHostApplicationBuilder AddSchedulerStart(this IHostApplicationBuilder builder)
    {
        var options = Read(builder, () => builder.Configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>()) ?? new SchedulerOptions();
        // A node with RunJobs off keeps its scheduler in standby: it writes triggers, the other nodes fire them.
        builder.Services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AutoStart = options.RunJobs;
        });
        return builder;
    }

    private static T? Read<T>(IHostApplicationBuilder builder, Func<T?> read) where T : class
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
