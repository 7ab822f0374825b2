using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Rollcall.Data.Audit;
using Rollcall.Data.Directory;

namespace Rollcall.Data.Bulk;

/// <summary>
/// The bulk write path of a run's batch: the tracked entities are written set-based (<see cref="BulkRows"/>) instead of
/// by SaveChanges, one statement per row. It writes the audit rows itself, through <see cref="UserAuditDiff"/>, the
/// function the auditing interceptor uses, so every user written has exactly the audit entry, stamps and payment
/// fingerprint a SaveChanges would have given it. Users first (invitations refer to them), then the other new rows in
/// the order they were added, then the audit entries. Anything else in the tracker (a deletion, a change to another
/// entity) is refused: a batch holds none, and a silent fallback would hide a write outside the path.
/// </summary>
internal sealed class BulkBatchWriter(TimeProvider time, IPaymentDataReader paymentData) : IBatchWriter
{
    public async Task SaveAsync(RollcallDbContext db, CancellationToken ct)
    {
        // Changes are detected once per loaded entity, here; a new row is written as it is and needs no detection (a
        // batch is mostly new rows). Enumerating the tracker or asking for an entry must not detect them all again.
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in db.ChangeTracker.Entries().ToList())
            {
                if (entry.State is EntityState.Unchanged or EntityState.Modified)
                {
                    entry.DetectChanges();
                }
            }

            await WriteAsync(db, ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private async Task WriteAsync(RollcallDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var created = new List<DirectoryUser>();
        var changed = new List<EntityEntry<DirectoryUser>>();
        var audit = new List<AuditEntry>();
        var added = new Dictionary<Type, List<object>>(); // in the order of first appearance
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            switch (entry.State, entry.Entity)
            {
                case (EntityState.Unchanged or EntityState.Detached, _):
                    continue;
                case (EntityState.Added or EntityState.Modified, DirectoryUser user):
                    var userEntry = db.Entry(user);
                    if (UserAuditDiff.Prepare(userEntry, now, db.Cause, paymentData) is { } written)
                    {
                        audit.Add(written);
                    }

                    if (entry.State == EntityState.Added)
                    {
                        created.Add(user);
                    }
                    else
                    {
                        changed.Add(userEntry);
                    }

                    continue;
                case (EntityState.Added, var entity):
                    if (!added.TryGetValue(entity.GetType(), out var rows))
                    {
                        added[entity.GetType()] = rows = [];
                    }

                    rows.Add(entity);
                    continue;
                default:
                    throw new NotSupportedException(
                        $"The bulk write path writes new rows and changed users only, not a {entry.State.ToString().ToLowerInvariant()} {entry.Metadata.DisplayName()}.");
            }
        }

        await BulkRows.InsertAsync(db, created, ct);
        await BulkRows.UpdateAsync(db, changed, ct);
        foreach (var (type, rows) in added)
        {
            await BulkRows.InsertAsync(db, type, rows, ct);
        }

        await BulkRows.InsertAsync(db, audit, ct);
        db.ChangeTracker.Clear();
    }
}
