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
