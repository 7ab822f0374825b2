using System.ComponentModel.DataAnnotations;

namespace Rollcall.Webhooks;

/// <summary>
/// How the webhook inbox is turned into runs. Section <c>Webhooks</c> (shared with the receiver's own options; each
/// class binds only its keys).
/// </summary>
public sealed class WebhookProcessingOptions
{
    public const string Section = "Webhooks";

    /// <summary>Whether this node processes events and runs delta reads (also off with <c>Scheduler:RunJobs=false</c>).</summary>
    public bool Process { get; set; } = true;

    /// <summary>How often this node looks for companies with events waiting, or due a delta read.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A company's events are processed once none has come for this long: a burst becomes one run.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// ...or once its oldest waiting event is this old, so a steady stream is still processed. Also the pause after a
    /// failed webhook run before the next one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Persons one webhook or delta run reads at most (two requests each); the rest wait for the next run.</summary>
    [Range(1, 100_000)]
    public int MaxPersonsPerRun { get; set; } = 1000;
}
