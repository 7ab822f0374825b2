using System.ComponentModel.DataAnnotations;

namespace Rollcall.Sync;

/// <summary>How runs are applied and scheduled. Section <c>Sync</c>.</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>Steps applied per transaction: a crash leaves whole batches, never half a user.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a run holds its company's lease; a crashed run's lease lapses after this.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Nightly runs through Quartz; off for a node that should only serve the UI and API.</summary>
    public bool ScheduleNightlyRuns { get; set; } = true;
}
