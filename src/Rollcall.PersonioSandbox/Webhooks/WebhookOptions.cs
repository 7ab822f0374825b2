using System.ComponentModel.DataAnnotations;

namespace Rollcall.PersonioSandbox.Webhooks;

/// <summary>Webhook delivery (section <c>Sandbox:Webhooks</c>).</summary>
internal sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Sandbox:Webhooks";

    /// <summary>Receivers must acknowledge within 3 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Personio tries up to 6 times over up to 3 days; shorten the delays to test retries.</summary>
    [Range(1, 20)] public int MaxAttempts { get; set; } = 6;

    public TimeSpan[] RetryDelays { get; set; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24)];

    /// <summary>Personio requires HTTPS; the sandbox also accepts http:// on loopback so a local Rollcall can receive.</summary>
    public bool AllowHttpOnLoopback { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryDelays.Length < MaxAttempts - 1)
        {
            yield return new ValidationResult("RetryDelays needs one entry per retry (MaxAttempts - 1).", [nameof(RetryDelays)]);
        }
    }
}
