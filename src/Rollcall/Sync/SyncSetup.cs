using Quartz;
using Rollcall.Personio;

namespace Rollcall.Sync;

internal static class SyncSetup
{
    /// <summary>
    /// The engine and what a run in this process uses (the server's jobs, the <c>sync</c> verb): planner, applier, run
    /// book, lease, stored credentials. The schedule's store comes along, never started here: a credential found
    /// unreadable takes its company's nightly trigger out of it, whichever host finds it.
    /// </summary>
    public static IHostApplicationBuilder AddSyncEngine(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<SyncEngine>();
        services.AddSingleton<SyncMetrics>(); // runs, steps, run duration (Telemetry/)
        services.AddScoped<SyncApplier>();
        services.AddScoped<PersonDecisionBook>();
        services.AddScoped<StandingWarnings>();
        services.AddScoped<GoneConfirmation>();
        services.AddScoped<SyncRunBook>();
        services.AddScoped<RunProgress>(); // where a run is, in its row (ADR-028)
        services.AddScoped<SyncRunLease>();
        services.AddSingleton<PersonioSecrets>();
        services.AddScoped<StoredCredentials>();
        services.AddScoped<SyncSchedule>();
        services.AddScoped<SyncJob>();
        builder.AddSchedulerStore();
        // Durable, and recovered on another node when the node running it dies.
        services.AddQuartz(q => q.AddJob<SyncJob>(job => job.WithIdentity(SyncJob.Key).StoreDurably().RequestRecovery()));
        return builder;
    }

    /// <summary>The engine, and the scheduler started on it (persistent store, see <see cref="SchedulerSetup"/>): nightly and queued runs, decisions, history.</summary>
    public static IHostApplicationBuilder AddSync(this IHostApplicationBuilder builder)
    {
        builder.AddSyncEngine();
        var services = builder.Services;
        services.AddScoped<SyncQueue>();
        services.AddScoped<SyncDecisions>();
        services.AddScoped<SyncHistory>();
        builder.AddSchedulerStart();
        services.AddHostedService<SyncScheduleStartup>();
        return builder;
    }
}
