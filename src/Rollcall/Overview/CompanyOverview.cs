using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rollcall.Data;
using Rollcall.Data.Outbox;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Personio;
using Rollcall.Sync;

namespace Rollcall.Overview;

/// <summary>
/// A company at a glance: the integration's state, the last finished run, a running one, the next nightly run, and what
/// needs an admin. A handful of small queries (counts, the newest rows), each cheap on a company of any size.
/// </summary>
internal sealed class CompanyOverview(RollcallDbContext db, StoredCredentials stored, TimeProvider clock, IOptions<SyncOptions> sync)
{
    /// <summary>Finished runs in a row that failed before the overview says so.</summary>
    public const int FailuresInARow = 2;

    public async Task<OverviewFacts?> LoadAsync(Guid companyId, CancellationToken ct)
    {
        var zoneId = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.TimeZone).SingleOrDefaultAsync(ct);
        if (zoneId is null)
        {
            return null;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var integration = await db.PersonioIntegrations.AsNoTracking().SingleOrDefaultAsync(i => i.CompanyId == companyId, ct)
            ?? new PersonioIntegration { CompanyId = companyId };
        // As the integration page does: a secret that can no longer be decrypted is found when it is read, and recorded.
        if (integration.State == IntegrationState.Connected && (await stored.ReadAsync(integration, ct)).Unreadable)
        {
            integration.State = IntegrationState.SecretUnreadable;
        }

        var runs = db.SyncRuns.AsNoTracking().Where(r => r.CompanyId == companyId);
        var running = await runs.Where(r => r.State == RunState.Running).OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        var recent = await runs.Where(r => !r.DryRun && r.State != RunState.Running).OrderByDescending(r => r.StartedAt).Take(10).ToListAsync(ct);
        DateTimeOffset? next = integration.State == IntegrationState.Connected && sync.Value.ScheduleNightlyRuns
            ? NightlyRun.Next(clock.GetUtcNow(), integration.NightlyAt, zone)
            : null;
        var attention = await AttentionAsync(companyId, integration, recent, ct);
        return new OverviewFacts(integration, zone, recent.FirstOrDefault(), running, next, attention);
    }

    private async Task<List<AttentionItem>> AttentionAsync(Guid companyId, PersonioIntegration integration, List<SyncRun> recent, CancellationToken ct)
    {
        var root = $"/companies/{companyId}";
        var items = new List<AttentionItem>();
        if (integration.State is IntegrationState.CredentialsRejected or IntegrationState.SecretUnreadable)
        {
            var kind = integration.State == IntegrationState.CredentialsRejected ? AttentionKind.CredentialsRejected : AttentionKind.SecretUnreadable;
            items.Add(new AttentionItem(kind, AttentionSeverity.Danger, 1, $"{root}/integrations/personio"));
        }

        var failing = recent.TakeWhile(r => r.State == RunState.Failed).Count();
        if (failing >= FailuresInARow)
        {
            items.Add(new AttentionItem(AttentionKind.RunsFailing, AttentionSeverity.Danger, failing, $"{root}/runs"));
        }

        var held = await db.SyncRunSteps.AsNoTracking()
            .Where(s => s.CompanyId == companyId && s.Status == StepStatus.Held)
            .Join(db.SyncRuns.Where(r => r.CompanyId == companyId && r.State == RunState.NeedsApproval), s => s.RunId, r => r.Id, (s, _) => s.Id)
            .CountAsync(ct);
        if (held > 0)
        {
            items.Add(new AttentionItem(AttentionKind.HeldApprovals, AttentionSeverity.Warning, held, $"{root}/approvals"));
        }

        var mail = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.CompanyId == companyId && (m.State == MessageState.Failed || (m.State == MessageState.Pending && m.Held)))
            .GroupBy(m => m.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
        var failed = mail.Where(m => m.State == MessageState.Failed).Sum(m => m.Count);
        if (failed > 0)
        {
            items.Add(new AttentionItem(AttentionKind.MailFailed, AttentionSeverity.Danger, failed, $"{root}/mail?filter=failed"));
        }

        var heldMail = mail.Where(m => m.State == MessageState.Pending).Sum(m => m.Count);
        if (heldMail > 0)
        {
            items.Add(new AttentionItem(AttentionKind.MailHeld, AttentionSeverity.Warning, heldMail, $"{root}/mail?filter=held"));
        }

        // Organisation attributes that cannot be read are reported on the run; the mapping names the mapped ones.
        var unreadable = (integration.UnreadableAttributes?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [])
            .Count(k => !PersonioOrganisation.Attributes.Contains(k));
        if (integration.State == IntegrationState.Connected && unreadable > 0)
        {
            items.Add(new AttentionItem(AttentionKind.AttributesUnreadable, AttentionSeverity.Warning, unreadable, $"{root}/integrations/personio#mapping"));
        }

        return [.. items.OrderByDescending(i => i.Severity)];
    }
}

/// <summary>What the overview shows; the running run, the last finished one and the next nightly run may be absent.</summary>
internal sealed record OverviewFacts(
    PersonioIntegration Integration, TimeZoneInfo Zone, SyncRun? LastRun, SyncRun? Running, DateTimeOffset? NextRun, IReadOnlyList<AttentionItem> Attention);

/// <summary>One thing that needs an admin: what, how urgent, how many, and the page where it is dealt with.</summary>
internal sealed record AttentionItem(AttentionKind Kind, AttentionSeverity Severity, int Count, string Link);

internal enum AttentionKind
{
    CredentialsRejected,
    SecretUnreadable,
    RunsFailing,
    HeldApprovals,
    MailFailed,
    MailHeld,
    AttributesUnreadable,
}

/// <summary>Danger: syncing or mail has stopped working; warning: something waits for a decision or a fix.</summary>
internal enum AttentionSeverity
{
    Warning,
    Danger,
}
