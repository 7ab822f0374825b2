using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Rollcall.Data.Bulk;

/// <summary>
/// Set-based writes of many rows of one entity type on the context's connection and inside its current transaction:
/// PostgreSQL takes inserts by binary COPY and updates as one batch of statements (one round trip); SQLite takes both
/// through one prepared statement reused row after row (inserts bound by position, <see cref="SqliteRowStatement"/>). Values go through EF Core's own type mappings, so a row reads
/// back exactly as if SaveChanges had written it (docs/decisions/ADR-023).
/// </summary>
internal static class BulkRows
{
    public static Task InsertAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class =>
        InsertAsync(db, typeof(T), rows, ct);

    /// <summary>Inserts <paramref name="rows"/>, entities of <paramref name="type"/>, in their order.</summary>
    public static async Task InsertAsync(DbContext db, Type type, IReadOnlyCollection<object> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var table = BulkTable.Of(db, type);
        var columns = table.Inserted;
        var connection = ConnectionOf(db);
        if (connection is NpgsqlConnection npgsql)
        {
            var copy = $"COPY {table.Name} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
            await using var importer = await npgsql.BeginBinaryImportAsync(copy, ct);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(ct);
                foreach (var column in columns)
                {
                    if (column.ToProvider(column.ValueOf(row)) is { } value)
                    {
                        await importer.WriteAsync(value, column.Mapping.StoreTypeNameBase, ct);
                    }
                    else
                    {
                        await importer.WriteNullAsync(ct);
                    }
                }
            }

            await importer.CompleteAsync(ct);
            return;
        }

        var sql = $"INSERT INTO {table.Name} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
        using var statement = new SqliteRowStatement((SqliteConnection)connection, sql);
        var values = new object?[columns.Count];
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < columns.Count; i++)
            {
                values[i] = columns[i].ToProvider(columns[i].ValueOf(row));
            }

            statement.Run(values);
        }
    }

    /// <summary>
    /// Writes the columns that changed in each tracked entity (by the property's value comparer, so stamps set after
    /// change detection count), where the key and the concurrency tokens still hold their original values; a row changed
    /// meanwhile (another stamp) fails the whole unit with a concurrency exception, as SaveChanges would. Rows that
    /// changed the same columns share one statement: writing every column would rewrite every index of the row.
    /// </summary>
    public static async Task UpdateAsync<T>(DbContext db, IReadOnlyList<EntityEntry<T>> entries, CancellationToken ct)
        where T : class
    {
        if (entries.Count == 0)
        {
            return;
        }

        var table = BulkTable.Of<T>(db);
        var connection = ConnectionOf(db);
        var groups = entries.Select(entry => (Entry: entry, Changed: Changed(table, entry)))
            .Where(e => e.Changed.Count > 0) // nothing changed: nothing to write (SaveChanges writes nothing either)
            .GroupBy(e => string.Join(',', e.Changed.Select(c => c.Name)));
        foreach (var group in groups)
        {
            await UpdateAsync(db, connection, table, group.First().Changed, group.Select(e => e.Entry).ToList(), ct);
        }
    }

    private static List<BulkColumn> Changed<T>(BulkTable table, EntityEntry<T> entry)
        where T : class =>
        table.Updated.Where(c => !(c.Property.GetValueComparer() ?? ValueComparer.CreateDefault(c.Property.ClrType, favorStructuralComparisons: false))
            .Equals(entry.OriginalValues[c.Property], entry.CurrentValues[c.Property])).ToList();

    private static async Task UpdateAsync<T>(DbContext db, DbConnection connection, BulkTable table, List<BulkColumn> changed, List<EntityEntry<T>> entries, CancellationToken ct)
        where T : class
    {
        var set = changed.Select((c, i) => $"{c.Name} = @u{i}");
        var where = table.Keys.Select((c, i) => $"{c.Name} = @k{i}").Concat(table.Tokens.Select((c, i) => $"{c.Name} = @t{i}"));
        var sql = $"UPDATE {table.Name} SET {string.Join(", ", set)} WHERE {string.Join(" AND ", where)}";

        void Bind(DbCommand factory, DbParameterCollection parameters, EntityEntry<T> entry)
        {
            for (var i = 0; i < changed.Count; i++)
            {
                parameters.Add(Parameter(factory, changed[i], $"@u{i}", entry.CurrentValues[changed[i].Property]));
            }

            for (var i = 0; i < table.Keys.Count; i++)
            {
                parameters.Add(Parameter(factory, table.Keys[i], $"@k{i}", entry.OriginalValues[table.Keys[i].Property]));
            }

            for (var i = 0; i < table.Tokens.Count; i++)
            {
                parameters.Add(Parameter(factory, table.Tokens[i], $"@t{i}", entry.OriginalValues[table.Tokens[i].Property]));
            }
        }

        await using var command = Command(db, connection, sql);
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = command.Transaction;
            batch.Timeout = command.CommandTimeout;
            foreach (var entry in entries)
            {
                var statement = batch.CreateBatchCommand();
                statement.CommandText = sql;
                Bind(command, statement.Parameters, entry);
                batch.BatchCommands.Add(statement);
            }

            await batch.ExecuteNonQueryAsync(ct);
            for (var i = 0; i < entries.Count; i++)
            {
                ThrowIfMissed<T>(batch.BatchCommands[i].RecordsAffected);
            }

            return;
        }

        foreach (var entry in entries)
        {
            command.Parameters.Clear();
            Bind(command, command.Parameters, entry);
            ThrowIfMissed<T>(await command.ExecuteNonQueryAsync(ct));
        }
    }

    private static void ThrowIfMissed<T>(int affected)
    {
        if (affected != 1)
        {
            throw new DbUpdateConcurrencyException(
                $"A {typeof(T).Name} was changed or deleted since it was read ({affected} rows matched its key and concurrency stamp).");
        }
    }

    /// <summary>A parameter as EF Core makes it for the column: its converter applied, its provider type and facets set.</summary>
    private static DbParameter Parameter(DbCommand command, BulkColumn column, string name, object? value) =>
        column.Mapping.CreateParameter(command, name, value, column.Property.IsNullable);

    private static DbCommand Command(DbContext db, DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (db.Database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        return command;
    }

    private static DbConnection ConnectionOf(DbContext db) => db.Database.CurrentTransaction is null
        ? throw new InvalidOperationException("Bulk writes run inside a unit's transaction (DatabaseUnits.InTransactionAsync).")
        : db.Database.GetDbConnection();
}
