using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Rollcall.Data;

/// <summary>
/// Sets WAL journalling, the busy timeout and foreign keys on every SQLite connection: web requests,
/// the scheduler and the sync share one writer, and WAL lets readers go on while it writes.
/// </summary>
internal sealed class SqlitePragmaInterceptor(IOptions<DatabaseOptions> options) : DbConnectionInterceptor
{
    private string Pragmas => string.Create(CultureInfo.InvariantCulture,
        $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={(int)options.Value.SqliteBusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static void EnsureDirectoryFor(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder) && file != ":memory:")
        {
            System.IO.Directory.CreateDirectory(folder);
        }
    }
}
