using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rollcall.Data;

namespace Rollcall.Sync;

/// <summary>
/// One run per company at a time, across nodes: a conditional UPDATE on the integration row takes the lease only if
/// nobody holds it, so two nodes (or two clicks) cannot both start. A crashed run's lease lapses on its own. Lapsed or
/// not is judged by the database's clock, never a node's: nodes' clocks may disagree by hours.
/// </summary>
internal sealed class SyncRunLease(RollcallDbContext db, DatabaseClock clock, IOptions<SyncOptions> options)
{
    public async Task<bool> TryTakeAsync(Guid companyId, Guid runId, CancellationToken ct)
    {
        var now = await clock.UtcNowAsync(ct);
        var until = now + options.Value.LeaseDuration;
        var owner = runId.ToString();
        return await db.PersonioIntegrations
            .Where(i => i.CompanyId == companyId && (i.LeaseUntil == null || i.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, owner).SetProperty(i => i.LeaseUntil, until), ct) == 1;
    }

    /// <summary>Extends the lease; false if the run no longer holds it (it lapsed and another run took it).</summary>
    public async Task<bool> RenewAsync(Guid companyId, Guid runId, CancellationToken ct)
    {
        var owner = runId.ToString();
        var until = await clock.UtcNowAsync(ct) + options.Value.LeaseDuration;
        return await db.PersonioIntegrations.Where(i => i.CompanyId == companyId && i.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseUntil, until), ct) == 1;
    }

    /// <summary>Throws if the run lost its lease: two runs of one company must never apply at the same time.</summary>
    public async Task HoldOrThrowAsync(Guid companyId, Guid runId, CancellationToken ct)
    {
        if (!await RenewAsync(companyId, runId, ct))
        {
            throw new LeaseLostException();
        }
    }

    public Task ReleaseAsync(Guid companyId, Guid runId)
    {
        var owner = runId.ToString();
        // Released even when the run was cancelled: a stuck lease would block the company until it lapses.
        return db.PersonioIntegrations.Where(i => i.CompanyId == companyId && i.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseOwner, (string?)null).SetProperty(i => i.LeaseUntil, (DateTime?)null), CancellationToken.None);
    }
}

/// <summary>The run's lease lapsed and another run took over; this run must stop without applying anything more.</summary>
internal sealed class LeaseLostException() : Exception("The run lost its company lease to another run.");
