using Npgsql;

namespace Rollcall.Benchmarks;

/// <summary>A fresh, empty database for one measurement: a SQLite file in a temp folder, or a new PostgreSQL database dropped afterwards.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _server;
    private readonly string? _name;

    private BenchDatabase(string label, string[] settings, string? folder, string? server, string? name) =>
        (Label, Settings, _folder, _server, _name) = (label, settings, folder, server, name);

    public string Label { get; }

    /// <summary>Rollcall's settings for this database.</summary>
    public string[] Settings { get; }

    /// <summary>SQLite when <paramref name="postgresServer"/> is null, else a new database on that server.</summary>
    public static async Task<BenchDatabase> CreateAsync(string? postgresServer)
    {
        if (postgresServer is null)
        {
            var folder = System.IO.Directory.CreateTempSubdirectory("rollcall-bench-").FullName;
            return new BenchDatabase("SQLite", ["--Database:DataDirectory=" + folder], folder, null, null);
        }

        var name = $"rollcall_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(postgresServer, $"CREATE DATABASE {name}");
        var connection = new NpgsqlConnectionStringBuilder(postgresServer) { Database = name }.ToString();
        return new BenchDatabase("PostgreSQL", ["--Database:Provider=Postgres", "--Database:ConnectionString=" + connection], null, postgresServer, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(_folder, recursive: true);
        }

        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
