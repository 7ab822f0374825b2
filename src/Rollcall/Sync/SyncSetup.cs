using Quartz;
using Rollcall.Personio;

namespace Rollcall.Sync;

internal static class SyncSetup
{
    /// <summary>The sync engine, its Quartz job (persistent store, see <see cref="SchedulerSetup"/>) and the services around it.</summary>
    public static IHostApplicationBuilder AddSync(this IHostApplicationBuilder builder)
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
        services.AddScoped<SyncRunLease>();
        services.AddScoped<SyncSchedule>();
        services.AddScoped<SyncDecisions>();
        services.AddScoped<SyncHistory>();
        services.AddSingleton<PersonioSecrets>();
        services.AddScoped<StoredCredentials>();
        services.AddScoped<SyncJob>();
        builder.AddScheduler();
        // Durable, and recovered on another node when the node running it dies.
        services.AddQuartz(q => q.AddJob<SyncJob>(job => job.WithIdentity(SyncJob.Key).StoreDurably().RequestRecovery()));
        services.AddHostedService<SyncScheduleStartup>();
        return builder;
    }
}
