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

    /// <summary>
    /// Targeted reads per run that confirm a "gone" employee (absent from the list) before their user is deactivated;
    /// beyond this, such users are kept with a warning and checked by the next run. They count against Personio's
    /// rate limit. A run whose deactivations trip the mass-change guard holds them without reading.
    /// </summary>
    [Range(0, 10_000)]
    public int MaxConfirmationReads { get; set; } = 100;

    /// <summary>
    /// How often a company without webhook events reads what changed in Personio (v2 <c>updated_at</c>); null: never.
    /// At least five minutes: Personio does not permit repetitive polling where webhooks exist, and a delta read is a
    /// fallback for where they do not, not a replacement for them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan? DeltaInterval { get; set; }

    /// <summary>
    /// How far before a full read's start the first delta read after it asks: that start is this node's clock, Personio's
    /// <c>updated_at</c> is Personio's, and a change may show in Personio's list a little after it is stamped. A person
    /// read twice is harmless, one missed is not. Later delta reads start at Personio's own latest <c>updated_at</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DeltaOverlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Nightly runs through Quartz; off for a node that should only serve the UI and API.</summary>
    public bool ScheduleNightlyRuns { get; set; } = true;
}
