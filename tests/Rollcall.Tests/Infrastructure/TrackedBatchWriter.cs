using Rollcall.Data;
using Rollcall.Data.Bulk;

namespace Rollcall.Tests.Infrastructure;

/// <summary>
/// EF Core's SaveChanges with the auditing interceptor: how a run's batch was written before the bulk path, kept as the
/// reference the bulk path must match row for row (swap it in with <c>services.AddSingleton&lt;IBatchWriter, TrackedBatchWriter&gt;()</c>).
/// </summary>
internal sealed class TrackedBatchWriter : IBatchWriter
{
    public async Task SaveAsync(RollcallDbContext db, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
