using System.ComponentModel.DataAnnotations;

namespace Rollcall.Data;

/// <summary>Where Rollcall keeps its data. Section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSQL. For SQLite it overrides the file under <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder of the SQLite database file (<c>rollcall.db</c>), created on first start.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";

    /// <summary>How long SQLite waits for a lock held by another connection before giving up.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Retries of a query, a save or a whole transaction after a transient failure (PostgreSQL: a dropped connection, a
    /// restart; SQLite: still busy after <see cref="SqliteBusyTimeout"/>). 0 turns retries off.
    /// </summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 6;

    /// <summary>The longest wait between two retries; they start near a second and grow with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
