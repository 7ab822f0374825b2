using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Rollcall.Data.Bulk;

/// <summary>
/// One INSERT prepared once on a SQLite connection and run row after row, its values bound by position. ADO.NET's
/// parameters are bound by name on every execution (a search through the statement's names per value), which costs more
/// than the insert itself for a wide row. Values are bound as Microsoft.Data.Sqlite binds what EF Core hands it (after
/// the column's converter): text for strings, upper-case GUIDs, times and decimals; integers for whole numbers and
/// booleans. A type not listed is refused rather than stored in some other form; BulkWriteTests compare every row
/// with what SaveChanges writes.
/// </summary>
internal sealed class SqliteRowStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteRowStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        ThrowOnError(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds <paramref name="values"/> (provider values, in column order) and runs the statement once.</summary>
    public void Run(ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            ThrowOnError(Bind(i + 1, values[i]));
        }

        var done = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (done != raw.SQLITE_DONE)
        {
            ThrowOnError(done);
        }
    }

    public void Dispose() => _statement.Dispose();

    private int Bind(int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(_statement, index),
        string text => raw.sqlite3_bind_text(_statement, index, text),
        Guid guid => raw.sqlite3_bind_text(_statement, index, guid.ToString().ToUpperInvariant()),
        DateTime time => raw.sqlite3_bind_text(_statement, index, time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateOnly day => raw.sqlite3_bind_text(_statement, index, day.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
        DateTimeOffset time => raw.sqlite3_bind_text(_statement, index, time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
        bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
        long number => raw.sqlite3_bind_int64(_statement, index, number),
        int number => raw.sqlite3_bind_int64(_statement, index, number),
        short number => raw.sqlite3_bind_int64(_statement, index, number),
        byte number => raw.sqlite3_bind_int64(_statement, index, number),
        double number => raw.sqlite3_bind_double(_statement, index, number),
        decimal number => raw.sqlite3_bind_text(_statement, index, number.ToString("0.0###########################", CultureInfo.InvariantCulture)),
        byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
        _ => throw new NotSupportedException($"The bulk write path does not bind a {value.GetType().Name} on SQLite."),
    };

    private void ThrowOnError(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result, raw.sqlite3_extended_errcode(_db));
        }
    }
}
