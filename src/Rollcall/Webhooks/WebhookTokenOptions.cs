using System.ComponentModel.DataAnnotations;

namespace Rollcall.Webhooks;

/// <summary>The webhook token's keys in section <c>Webhooks</c> (the section is shared with the processing's own options).</summary>
public sealed class WebhookTokenOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// How long the token before a rotation stays valid: Personio's retries of deliveries made before the rotation may
    /// still carry it (they retry for up to three days; the default covers the usual first retries).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan TokenOverlap { get; set; } = TimeSpan.FromHours(24);
}
