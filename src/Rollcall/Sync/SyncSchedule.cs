using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using Rollcall.Data;
using Rollcall.Data.Personio;

namespace Rollcall.Sync;

/// <summary>Keeps one nightly trigger per connected company, at its local time in its time zone; queues "Sync now" runs.</summary>
internal sealed class SyncSchedule(ISchedulerFactory schedulers, RollcallDbContext db, IOptions<SyncOptions> options)
{
    public static TriggerKey TriggerOf(Guid companyId) => new($"nightly-{companyId}", "rollcall");

    /// <summary>(Re)creates or removes the company's nightly trigger to match its integration.</summary>
    public async Task UpdateAsync(Guid companyId, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.UnscheduleJob(TriggerOf(companyId), ct);
        var integration = await db.PersonioIntegrations.AsNoTracking().SingleOrDefaultAsync(i => i.CompanyId == companyId, ct);
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, ct);
        if (!options.Value.ScheduleNightlyRuns || integration?.State != IntegrationState.Connected || company is null)
        {
            return;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(TriggerOf(companyId))
            .ForJob(SyncJob.Key)
            .UsingJobData(SyncJob.CompanyId, companyId.ToString())
            .WithSchedule(CronScheduleBuilder.Create(string.Create(CultureInfo.InvariantCulture, $"0 {integration.NightlyAt.Minute} {integration.NightlyAt.Hour} * * ?"))
                .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(company.TimeZone))
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions { Replace = true }, ct);
    }

    /// <summary>When the company's next nightly run fires, if it has one.</summary>
    public async Task<DateTimeOffset?> NextRunAsync(Guid companyId, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        return (await scheduler.GetTrigger(TriggerOf(companyId), ct))?.NextFireTimeUtc;
    }

    public async Task QueueAsync(Guid runId, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(SyncJob.Key, new JobDataMap { [SyncJob.RunId] = runId.ToString() }, ct);
    }
}

/// <summary>On start, schedules every connected company (the in-memory store forgets triggers on restart).</summary>
internal sealed class SyncScheduleStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RollcallDbContext>();
        var schedule = scope.ServiceProvider.GetRequiredService<SyncSchedule>();
        foreach (var companyId in await db.PersonioIntegrations.Where(i => i.State == IntegrationState.Connected).Select(i => i.CompanyId).ToListAsync(cancellationToken))
        {
            await schedule.UpdateAsync(companyId, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
