namespace Rollcall.Data.Bulk;

/// <summary>
/// Saves what a sync batch put in the context's change tracker (new users, changed users, invitations, outbox messages,
/// step records), inside the caller's transaction, with an audit entry for every user it writes. Production writes
/// set-based (<see cref="BulkBatchWriter"/>); the tests hold EF Core's SaveChanges beside it as the reference the bulk
/// path must match row for row.
/// </summary>
internal interface IBatchWriter
{
    /// <summary>Writes the tracked changes and leaves the change tracker empty.</summary>
    Task SaveAsync(RollcallDbContext db, CancellationToken ct);
}
