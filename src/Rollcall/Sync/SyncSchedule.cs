using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using Rollcall.Data;
using Rollcall.Data.Personio;

namespace Rollcall.Sync;

/// <summary>
/// Keeps one nightly trigger per connected company, at its local time in its time zone; queues "Sync now" runs. Triggers
/// live in Quartz's store in the database, so every node sees a change any node made.
/// </summary>
internal sealed class SyncSchedule(ISchedulerFactory schedulers, RollcallDbContext db, IOptions<SyncOptions> options)
{
    private const string NightlyGroup = "nightly";

    public static TriggerKey TriggerOf(Guid companyId) => new(companyId.ToString(), NightlyGroup);

    /// <summary>
    /// Brings the company's nightly trigger in line with its integration: created when missing, replaced only when its
    /// time or time zone changed, removed when the company is not connected. An unchanged trigger is left alone: replacing
    /// it would compute its next fire time afresh and drop a nightly run missed while every node was down.
    /// </summary>
    public async Task UpdateAsync(Guid companyId, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var key = TriggerOf(companyId);
        if (await NightlyAsync(companyId, ct) is not var (cron, zone))
        {
            await scheduler.UnscheduleJob(key, ct);
            return;
        }

        if (await scheduler.GetTrigger(key, ct) is ICronTrigger existing && existing.CronExpressionString == cron && existing.TimeZone.Id == zone.Id
            && await scheduler.GetTriggerState(key, ct) != TriggerState.Error)
        {
            return;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(SyncJob.Key)
            .UsingJobData(SyncJob.CompanyId, companyId.ToString())
            // Missed while every node was down: fired once, as soon as a node is up, then on schedule again.
            .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions { Replace = true }, ct);
    }

    /// <summary>On start: every connected company scheduled, triggers of companies no longer connected removed; unchanged triggers kept as they are.</summary>
    public async Task ReconcileAsync(CancellationToken ct)
    {
        var connected = await db.PersonioIntegrations.Where(i => i.State == IntegrationState.Connected).Select(i => i.CompanyId).ToListAsync(ct);
        foreach (var companyId in connected)
        {
            await UpdateAsync(companyId, ct);
        }

        var scheduler = await schedulers.GetScheduler(ct);
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(NightlyGroup), ct))
        {
            if (!Guid.TryParse(key.Name, out var companyId) || !connected.Contains(companyId))
            {
                await scheduler.UnscheduleJob(key, ct);
            }
        }
    }

    /// <summary>The cron expression and time zone the company's nightly trigger should have; null when it should have none.</summary>
    private async Task<(string Cron, TimeZoneInfo Zone)?> NightlyAsync(Guid companyId, CancellationToken ct)
    {
        var integration = await db.PersonioIntegrations.AsNoTracking().SingleOrDefaultAsync(i => i.CompanyId == companyId, ct);
        var zone = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleOrDefaultAsync(ct);
        if (!options.Value.ScheduleNightlyRuns || integration?.State != IntegrationState.Connected || zone is null)
        {
            return null;
        }

        var at = integration.NightlyAt;
        return (string.Create(CultureInfo.InvariantCulture, $"0 {at.Minute} {at.Hour} * * ?"), TimeZoneInfo.FindSystemTimeZoneById(zone));
    }

    /// <summary>When the company's next nightly run fires, if it has one.</summary>
    public async Task<DateTimeOffset?> NextRunAsync(Guid companyId, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        return (await scheduler.GetTrigger(TriggerOf(companyId), ct))?.NextFireTimeUtc;
    }

    /// <summary>"Sync now": a one-off trigger in the store, which any node running jobs may pick up.</summary>
    public async Task QueueAsync(Guid runId, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(SyncJob.Key, new JobDataMap { [SyncJob.RunId] = runId.ToString() }, ct);
    }

    /// <summary>A recovered run that has to wait for its company's lease to lapse: tried again at <paramref name="at"/>, on any node.</summary>
    public async Task ResumeAtAsync(JobDataMap data, DateTimeOffset at, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var resume = new JobDataMap { [SyncJob.Resume] = "true" };
        foreach (var name in (string[])[SyncJob.RunId, SyncJob.CompanyId])
        {
            if (data.TryGetString(name, out var value) && value is not null)
            {
                resume[name] = value;
            }
        }

        await scheduler.ScheduleJob(TriggerBuilder.Create().ForJob(SyncJob.Key).UsingJobData(resume).StartAt(at).Build(), new ScheduleJobOptions(), ct);
    }
}

/// <summary>On start, brings the stored nightly triggers in line with the integrations (see <see cref="SyncSchedule.ReconcileAsync"/>).</summary>
internal sealed class SyncScheduleStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SyncSchedule>().ReconcileAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
