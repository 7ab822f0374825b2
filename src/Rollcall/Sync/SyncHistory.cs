using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;

namespace Rollcall.Sync;

/// <summary>Reads of recorded runs, shared by the JSON API and the admin pages.</summary>
internal sealed class SyncHistory(RollcallDbContext db)
{
    public async Task<Paged<SyncRun>> RunsAsync(Guid companyId, PageRequest page, CancellationToken ct)
    {
        var runs = db.SyncRuns.AsNoTracking().Where(r => r.CompanyId == companyId);
        var items = await runs.OrderByDescending(r => r.StartedAt).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new Paged<SyncRun>(items, page.Page, page.PageSize, await runs.CountAsync(ct));
    }

    public Task<SyncRun?> RunAsync(Guid companyId, Guid runId, CancellationToken ct) =>
        db.SyncRuns.AsNoTracking().SingleOrDefaultAsync(r => r.CompanyId == companyId && r.Id == runId, ct);

    /// <summary>The newest run that was not a preview.</summary>
    public Task<SyncRun?> LastRunAsync(Guid companyId, CancellationToken ct) =>
        db.SyncRuns.AsNoTracking().Where(r => r.CompanyId == companyId && !r.DryRun).OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);

    public async Task<Paged<SyncRunStep>> StepsAsync(Guid runId, StepKind? kind, PageRequest page, CancellationToken ct)
    {
        var steps = db.SyncRunSteps.AsNoTracking().Where(s => s.RunId == runId);
        steps = kind is { } only ? steps.Where(s => s.Kind == only) : steps;
        var items = await steps.OrderBy(s => s.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new Paged<SyncRunStep>(items, page.Page, page.PageSize, await steps.CountAsync(ct));
    }
}
