using System.ComponentModel.DataAnnotations;

namespace Rollcall.Sync;

/// <summary>
/// Quartz, the scheduler behind nightly runs and "Sync now". Section <c>Scheduler</c>. Its store follows
/// <c>Database:Provider</c>: clustered on PostgreSQL (every node sharing the database and <see cref="InstanceName"/>
/// is one cluster), persistent on SQLite (one node).
/// </summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>The cluster's name; nodes on one database with the same name share its triggers. Each node's own id is generated.</summary>
    [Required(AllowEmptyStrings = false), MaxLength(100)]
    public string InstanceName { get; set; } = "Rollcall";

    /// <summary>Whether this node runs jobs; off, it still schedules and queues runs that the other nodes run.</summary>
    public bool RunJobs { get; set; } = true;

    /// <summary>How often a node records that it is alive (PostgreSQL only).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long past a missed check-in the other nodes wait before they take over a node's runs as dead (PostgreSQL only).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan ClusterCheckinGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A trigger later than this (every node was down at its time) counts as missed: a missed nightly run fires once as
    /// soon as a node is up, never more than once. Later by less, it simply fires late.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an idle node looks for due triggers another node queued ("Sync now" on a node that does not run jobs).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(30);
}
