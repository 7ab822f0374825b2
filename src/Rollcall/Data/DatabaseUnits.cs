using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rollcall.Data;

/// <summary>
/// Units of work in one transaction, retried whole on a transient database failure: a dropped connection, a failover,
/// SQLite busy beyond its timeout. Every explicit transaction goes through here; the retrying execution strategies
/// (PostgreSQL's, <see cref="SqliteRetryingExecutionStrategy"/>) refuse a transaction begun outside one.
/// </summary>
internal static class DatabaseUnits
{
    /// <summary>
    /// Runs <paramref name="unit"/> in a transaction and commits it, unless the unit called <see cref="Unit.RollBack"/>.
    /// A retry starts from an empty change tracker: nothing a rolled-back attempt added (entities, the audit entries its
    /// save wrote) is saved by the next, so a unit loads what it changes itself, inside. A commit that failed in transit
    /// is checked on PostgreSQL (the transaction's id, asked after) before the unit runs again, so it never applies twice.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this RollcallDbContext db, Func<Unit, CancellationToken, Task<T>> unit, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(new Attempt<T>(db, unit), static async (_, attempt, ct) =>
        {
            var db = attempt.Db;
            if (attempt.Number++ > 0)
            {
                db.ChangeTracker.Clear();
            }

            attempt.TransactionId = null;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var unit = new Unit();
            var result = await attempt.Work(unit, ct);
            if (unit.RolledBack)
            {
                await transaction.RollbackAsync(ct);
                return result;
            }

            if (db.Database.IsNpgsql())
            {
                attempt.TransactionId = await ScalarAsync<string>(db, "SELECT pg_current_xact_id()::text AS \"Value\"", ct);
            }

            attempt.Result = result;
            await transaction.CommitAsync(ct);
            return result;
        }, static async (_, attempt, ct) =>
        {
            // Only a commit in flight can have landed unseen; PostgreSQL remembers how each transaction ended.
            var landed = attempt.TransactionId is { } id
                && (await attempt.Db.Database.SqlQueryRaw<string>("SELECT coalesce(pg_xact_status({0}::xid8), '') AS \"Value\"", id).ToListAsync(ct))
                    .Single() == "committed";
            return new ExecutionResult<T>(landed, attempt.Result!);
        }, ct);

    public static Task InTransactionAsync(this RollcallDbContext db, Func<Unit, CancellationToken, Task> unit, CancellationToken ct) =>
        db.InTransactionAsync<bool>(async (u, c) =>
        {
            await unit(u, c);
            return true;
        }, ct);

    private static async Task<T> ScalarAsync<T>(RollcallDbContext db, string sql, CancellationToken ct) =>
        (await db.Database.SqlQueryRaw<T>(sql).ToListAsync(ct)).Single();

    /// <summary>What a unit may say about its transaction.</summary>
    internal sealed class Unit
    {
        public bool RolledBack { get; private set; }

        /// <summary>Nothing of this attempt is kept: the transaction rolls back instead of committing.</summary>
        public void RollBack() => RolledBack = true;
    }

    private sealed class Attempt<T>(RollcallDbContext db, Func<Unit, CancellationToken, Task<T>> work)
    {
        public RollcallDbContext Db { get; } = db;
        public Func<Unit, CancellationToken, Task<T>> Work { get; } = work;
        public int Number { get; set; }
        public string? TransactionId { get; set; }
        public T? Result { get; set; }
    }
}
