using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rollcall.Data;

/// <summary>
/// Retries what SQLite refused as busy or locked after its busy timeout (another connection held the one writer too
/// long): queries, saves and whole units (<see cref="DatabaseUnits"/>). SQLite is local, so a failed commit never
/// landed: nothing needs checking before a retry.
/// </summary>
internal sealed class SqliteRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay)
    : ExecutionStrategy(dependencies, maxRetryCount, maxRetryDelay)
{
    private const int Busy = 5;   // SQLITE_BUSY
    private const int Locked = 6; // SQLITE_LOCKED

    protected override bool ShouldRetryOn(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: Busy or Locked };
}
