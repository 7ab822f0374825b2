using System.ComponentModel.DataAnnotations;

namespace Rollcall.PaymentData;

/// <summary>Settings of the payment-data retention pass (the period itself is per company).</summary>
internal sealed class PaymentDataOptions
{
    public const string Section = "PaymentData";

    /// <summary>Whether this node erases payment data whose retention ran out; any number of nodes may.</summary>
    public bool Retention { get; set; } = true;

    /// <summary>How often the retention pass runs (the first right after start).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromDays(1);
}
