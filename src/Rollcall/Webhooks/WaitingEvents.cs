using Microsoft.EntityFrameworkCore;
using Rollcall.Data;
using Rollcall.Data.Personio;

namespace Rollcall.Webhooks;

/// <summary>
/// The inbox's questions, answered in SQL so that 10,000 waiting events never load as rows: which companies have events
/// waiting and since when, which persons a run should read, and marking exactly the events a run covered.
/// </summary>
internal sealed class WaitingEvents(RollcallDbContext db)
{
    /// <summary>Connected companies (first sync done) with events waiting: the oldest and the newest waiting event's arrival.</summary>
    public async Task<List<Waiting>> WaitingAsync(CancellationToken ct)
    {
        var waiting = await db.WebhookEvents.AsNoTracking().Where(e => e.ProcessedAt == null)
            .GroupBy(e => e.CompanyId)
            .Select(g => new Waiting(g.Key, g.Min(e => e.ReceivedAt), g.Max(e => e.ReceivedAt)))
            .ToListAsync(ct);
        var ids = waiting.Select(w => w.CompanyId).ToList();
        // Events of a company not connected (credentials rejected, disconnected) wait: they are processed after it reconnects.
        var connected = await db.PersonioIntegrations.AsNoTracking()
            .Where(i => ids.Contains(i.CompanyId) && i.State == IntegrationState.Connected && i.FirstSyncAt != null)
            .ToDictionaryAsync(i => i.CompanyId, i => i.ConnectedAt, ct);
        return [.. waiting.Where(w => connected.ContainsKey(w.CompanyId)).Select(w => w with { ConnectedAt = connected[w.CompanyId] })];
    }

    /// <summary>
    /// The events a run will cover: every waiting one up to the newest now (later ones wait for the next run), and of
    /// their persons at most <paramref name="maxPersons"/>, those waiting longest first.
    /// </summary>
    public async Task<Batch?> TakeAsync(Guid companyId, int maxPersons, CancellationToken ct)
    {
        var waiting = db.WebhookEvents.AsNoTracking().Where(e => e.CompanyId == companyId && e.ProcessedAt == null);
        if (await waiting.MaxAsync(e => (long?)e.Id, ct) is not { } upTo)
        {
            return null;
        }

        var persons = await waiting.Where(e => e.Id <= upTo && e.PersonId != null)
            .GroupBy(e => e.PersonId!.Value)
            .Select(g => new { Person = g.Key, First = g.Min(e => e.Id) })
            .OrderBy(p => p.First).ThenBy(p => p.Person).Take(maxPersons)
            .Select(p => p.Person).ToListAsync(ct);
        return new Batch(companyId, upTo, persons);
    }

    /// <summary>
    /// Marks the batch's events processed by <paramref name="runId"/>, but not those of <paramref name="unanswered"/>
    /// (asked, no answer: they wait for the next run). Events naming no person go with any batch. Conditional on still
    /// waiting, so a second node's marking changes nothing.
    /// </summary>
    public async Task<int> MarkAsync(Batch batch, Guid? runId, DateTime at, IReadOnlySet<long> unanswered, CancellationToken ct)
    {
        var marked = await Covered(batch).Where(e => e.PersonId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, at).SetProperty(e => e.RunId, runId), ct);
        foreach (var chunk in batch.PersonIds.Where(p => !unanswered.Contains(p)).Select(p => (long?)p).Chunk(500))
        {
            marked += await Covered(batch).Where(e => chunk.Contains(e.PersonId))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, at).SetProperty(e => e.RunId, runId), ct);
        }

        return marked;
    }

    private IQueryable<Data.Webhooks.WebhookEvent> Covered(Batch batch) =>
        db.WebhookEvents.Where(e => e.CompanyId == batch.CompanyId && e.ProcessedAt == null && e.Id <= batch.UpTo);

    internal sealed record Waiting(Guid CompanyId, DateTime Oldest, DateTime Newest)
    {
        /// <summary>When the company was last connected (or its credentials last saved).</summary>
        public DateTime? ConnectedAt { get; init; }
    }

    /// <summary>The waiting events with ids up to <see cref="UpTo"/>, and the persons (at most the run's cap) a run reads for them.</summary>
    internal sealed record Batch(Guid CompanyId, long UpTo, IReadOnlyList<long> PersonIds);
}
