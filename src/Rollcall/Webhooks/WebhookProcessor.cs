using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rollcall.Data;
using Rollcall.Data.Sync;
using Rollcall.Sync;

namespace Rollcall.Webhooks;

/// <summary>
/// Turns waiting webhook events into targeted runs, company by company. A company is due when no event has come for
/// <see cref="WebhookProcessingOptions.QuietPeriod"/>, or its oldest waiting event is <see cref="WebhookProcessingOptions.MaxDelay"/>
/// old; its webhook runs start at least a quiet period apart, and a failed one is followed by a pause of
/// <see cref="WebhookProcessingOptions.MaxDelay"/>. A run reads each person the events name (at most
/// <see cref="WebhookProcessingOptions.MaxPersonsPerRun"/>) and, once it is applied or held, marks exactly the events it
/// covered: a run that fails, is cut short or whose node dies marks nothing, and its events are processed again by the
/// next (harmless: a plan applied twice changes nothing the second time). The company's lease keeps two nodes from
/// running it at once.
/// </summary>
internal sealed partial class WebhookProcessor(
    RollcallDbContext db, WaitingEvents inbox, SyncEngine engine, IOptions<WebhookProcessingOptions> options, TimeProvider time, ILogger<WebhookProcessor> log)
{
    /// <summary>One round over every due company; returns the runs started.</summary>
    public async Task<int> ProcessAsync(CancellationToken ct)
    {
        var runs = 0;
        foreach (var waiting in await inbox.WaitingAsync(ct))
        {
            if (await DueAsync(waiting, ct) && await ProcessAsync(waiting.CompanyId, ct))
            {
                runs++;
            }
        }

        return runs;
    }

    private async Task<bool> DueAsync(WaitingEvents.Waiting waiting, CancellationToken ct)
    {
        var o = options.Value;
        var now = Now();
        if (waiting.Newest > now - o.QuietPeriod && waiting.Oldest > now - o.MaxDelay)
        {
            return false;
        }

        var last = await db.SyncRuns.AsNoTracking().Where(r => r.CompanyId == waiting.CompanyId && r.Trigger == SyncTrigger.Webhook)
            .OrderByDescending(r => r.StartedAt).Select(r => new { r.StartedAt, r.State, r.FinishedAt }).FirstOrDefaultAsync(ct);
        if (last is null)
        {
            return true;
        }

        // A failure before the company was last connected (its credentials rejected, say) is no reason to wait once it is again.
        var failedRecently = last.State == RunState.Failed && last.FinishedAt > now - o.MaxDelay && last.StartedAt >= waiting.ConnectedAt;
        return last.StartedAt <= now - o.QuietPeriod && !failedRecently;
    }

    /// <summary>One targeted run for the company's waiting events; false when none started (busy, not connected, nothing to read).</summary>
    public async Task<bool> ProcessAsync(Guid companyId, CancellationToken ct)
    {
        if (await inbox.TakeAsync(companyId, options.Value.MaxPersonsPerRun, ct) is not { } batch)
        {
            return false;
        }

        if (batch.PersonIds.Count == 0)
        {
            await inbox.MarkAsync(batch, null, Now(), new HashSet<long>(), ct); // events naming nobody: nothing to read
            return false;
        }

        var outcome = await engine.RunTargetedAsync(companyId, SyncTrigger.Webhook, TargetedRead.Persons(batch.PersonIds), ct);
        if (outcome.Value is not { } run)
        {
            return false; // another run holds the company (its events wait for the next round), or it is not connected
        }

        if (run.State is RunState.Succeeded or RunState.NeedsApproval)
        {
            var unanswered = (await db.SyncRunSteps.AsNoTracking()
                .Where(s => s.RunId == run.Id && s.ReasonCode == SyncEngine.TargetedUnanswered && s.PersonioEmployeeId != null)
                .Select(s => s.PersonioEmployeeId!.Value).ToListAsync(ct)).ToHashSet();
            var marked = await inbox.MarkAsync(batch, run.Id, Now(), unanswered, ct);
            LogProcessed(log, companyId, run.Id, marked, batch.PersonIds.Count, run.State);
        }

        return true;
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "Webhook events of company {CompanyId}: run {RunId} covered {Events} events for {Persons} persons and ended {State}")]
    private static partial void LogProcessed(ILogger logger, Guid companyId, Guid runId, int events, int persons, RunState state);
}
