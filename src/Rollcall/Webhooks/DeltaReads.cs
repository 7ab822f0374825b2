using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rollcall.Data;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Sync;

namespace Rollcall.Webhooks;

/// <summary>
/// Delta reads where no webhook events arrive: every <see cref="SyncOptions.DeltaInterval"/>, a connected company without
/// a registered webhook and without an event in the last day reads the persons Personio lists as updated after its bound
/// and runs them as a targeted run. The bound moves to the latest <c>updated_at</c> read (Personio's time); a full read
/// counts as covering everything up to its start less <see cref="SyncOptions.DeltaOverlap"/> (its start is this node's
/// clock). Deletions are never inferred here: a person who is gone is not listed, and only a full read deactivates by absence.
/// </summary>
internal sealed class DeltaReads(
    RollcallDbContext db, SyncEngine engine, IOptions<SyncOptions> sync, IOptions<WebhookProcessingOptions> options, TimeProvider time)
{
    private static readonly TimeSpan EventsRecently = TimeSpan.FromDays(1);

    /// <summary>One round: a delta run for each company due one; returns the runs started.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        if (sync.Value.DeltaInterval is not { } interval)
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var eventsSince = now - EventsRecently;
        var companies = await db.PersonioIntegrations.AsNoTracking()
            .Where(i => i.State == IntegrationState.Connected && i.FirstSyncAt != null && i.WebhookId == null
                        && (i.LastEventAt == null || i.LastEventAt < eventsSince))
            .Select(i => new { i.CompanyId, i.DeltaReadUntil }).ToListAsync(ct);
        var runs = 0;
        foreach (var company in companies)
        {
            if (await SinceAsync(company.CompanyId, company.DeltaReadUntil, now - interval, ct) is { } since
                && (await engine.RunTargetedAsync(company.CompanyId, SyncTrigger.Delta, TargetedRead.UpdatedSince(since, options.Value.MaxPersonsPerRun), ct)).Value is not null)
            {
                runs++;
            }
        }

        return runs;
    }

    /// <summary>Where the company's next delta read starts; null when it is not due (a delta run started after <paramref name="dueBefore"/>).</summary>
    private async Task<DateTimeOffset?> SinceAsync(Guid companyId, DateTime? deltaReadUntil, DateTime dueBefore, CancellationToken ct)
    {
        var runs = db.SyncRuns.AsNoTracking().Where(r => r.CompanyId == companyId && !r.DryRun);
        if (await runs.AnyAsync(r => r.Trigger == SyncTrigger.Delta && r.StartedAt > dueBefore, ct))
        {
            return null;
        }

        var fullRead = await runs.Where(r => r.Trigger != SyncTrigger.Webhook && r.Trigger != SyncTrigger.Delta
                                             && (r.State == RunState.Succeeded || r.State == RunState.NeedsApproval || r.State == RunState.Rejected))
            .OrderByDescending(r => r.StartedAt).Select(r => (DateTime?)r.StartedAt).FirstOrDefaultAsync(ct);
        // The last delta read's bound is Personio's own updated_at: asked from there, no clock is compared. A full read's
        // start is this node's clock, compared with Personio's: it gets the overlap for clock skew and listing lag.
        DateTimeOffset? personio = deltaReadUntil is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : null;
        DateTimeOffset? node = fullRead is { } f ? new DateTimeOffset(DateTime.SpecifyKind(f, DateTimeKind.Utc)) - sync.Value.DeltaOverlap : null;
        return personio > node || node is null ? personio : node;
    }
}
