using Npgsql;

namespace Rollcall.Tests.Infrastructure;

/// <summary>A fresh, empty database for one test: a SQLite file in a temp folder, or a new PostgreSQL database.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>Base connection string of the PostgreSQL server the tests may create databases on.</summary>
    public const string PostgresVariable = "ROLLCALL_TEST_POSTGRES";

    public abstract string Provider { get; }
    public abstract string ConnectionString { get; }

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// PostgreSQL only: ends every server process connected to this database, as a restart or a failover would; Rollcall's
    /// pooled connections die with them. Returns how many were ended.
    /// </summary>
    public virtual Task<int> DropConnectionsAsync() => throw new NotSupportedException("Only PostgreSQL connections can be dropped.");

    public static TestDatabase Sqlite() => new SqliteTestDatabase();

    public static Task<TestDatabase> PostgresAsync() => PostgresTestDatabase.CreateAsync();

    private sealed class SqliteTestDatabase : TestDatabase
    {
        private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("rollcall-test-").FullName;

        public override string Provider => "Sqlite";
        public override string ConnectionString => $"Data Source={Path.Combine(_folder, "rollcall.db")}";

        public override ValueTask DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(_folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresTestDatabase(string server, string name) : TestDatabase
    {
        public override string Provider => "Postgres";
        public override string ConnectionString => new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();

        public static async Task<TestDatabase> CreateAsync()
        {
            var server = Environment.GetEnvironmentVariable(PostgresVariable);
            Assert.False(string.IsNullOrWhiteSpace(server),
                $"PostgreSQL tests need {PostgresVariable} (e.g. Host=127.0.0.1;Port=55432;Username=postgres); the README's test command sets it.");
            var name = $"rollcall_test_{Guid.NewGuid():N}";
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
            return new PostgresTestDatabase(server!, name);
        }

        public override async Task<int> DropConnectionsAsync()
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", connection);
            terminate.Parameters.AddWithValue("name", name);
            var ended = (int)(long)(await terminate.ExecuteScalarAsync())!;
            // pg_terminate_backend only signals: wait until the processes are gone, so the next use of a pooled connection fails.
            await using var left = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", connection);
            left.Parameters.AddWithValue("name", name);
            for (var i = 0; i < 100 && (long)(await left.ExecuteScalarAsync())! > 0; i++)
            {
                await Task.Delay(20);
            }

            return ended;
        }

        public override async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
