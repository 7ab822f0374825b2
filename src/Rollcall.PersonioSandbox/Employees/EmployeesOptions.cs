using System.ComponentModel.DataAnnotations;

namespace Rollcall.PersonioSandbox.Employees;

internal enum OversizedLimit { Cap, Reject }

/// <summary>v1 employee endpoint behaviour (section <c>Sandbox:Employees</c>), for the points the spec leaves open.</summary>
internal sealed class EmployeesOptions : IValidatableObject
{
    public const string Section = "Sandbox:Employees";

    [Range(1, 1000)] public int DefaultLimit { get; set; } = 50;
    [Range(1, 1000)] public int MaxLimit { get; set; } = 100;

    /// <summary>What <c>limit</c> above the maximum does: silently capped, or 400.</summary>
    public OversizedLimit OversizedLimit { get; set; } = OversizedLimit.Cap;

    /// <summary>Time zone of zone-less <c>updated_since</c> values (undocumented; Berlin is an assumption).</summary>
    [Required] public string UpdatedSinceTimeZone { get; set; } = "Europe/Berlin";

    /// <summary>The changelog says results with <c>updated_since</c> are paginated; the older spec says limit/offset are ignored.</summary>
    public bool UpdatedSincePaginates { get; set; } = true;

    /// <summary>Whether the nested supervisor's name and email follow the caller's whitelist.</summary>
    public bool SupervisorAttributesFollowWhitelist { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultLimit > MaxLimit)
        {
            yield return new ValidationResult("DefaultLimit must not exceed MaxLimit.", [nameof(DefaultLimit)]);
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(UpdatedSinceTimeZone, out _))
        {
            yield return new ValidationResult($"Unknown time zone '{UpdatedSinceTimeZone}'.", [nameof(UpdatedSinceTimeZone)]);
        }
    }
}
