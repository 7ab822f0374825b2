using Microsoft.EntityFrameworkCore;

namespace Rollcall.Data;

/// <summary>
/// The database server's current UTC time: the one clock every node on a database shares. Judgements between nodes
/// (has a run's lease or a dispatcher's claim lapsed?) use it, so nodes whose clocks disagree never both hold a lease or
/// both claim a message. Everything else (schedules, dates shown, backoff) reads <see cref="TimeProvider"/>.
/// </summary>
internal sealed class DatabaseClock(RollcallDbContext db)
{
    // PostgreSQL: clock_timestamp() is the time now, not the transaction's start (now()). SQLite: 'now' with milliseconds,
    // in the text form EF Core stores DateTime in, so it compares as stored values do.
    private const string Postgres = "SELECT clock_timestamp() AS \"Value\"";
    private const string Sqlite = "SELECT strftime('%Y-%m-%d %H:%M:%f', 'now') AS \"Value\"";

    public async Task<DateTime> UtcNowAsync(CancellationToken ct)
    {
        var sql = db.Database.IsNpgsql() ? Postgres : Sqlite;
        var now = (await db.Database.SqlQueryRaw<DateTime>(sql).ToListAsync(ct)).Single();
        return DateTime.SpecifyKind(now.Kind == DateTimeKind.Local ? now.ToUniversalTime() : now, DateTimeKind.Utc);
    }
}
