using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Rollcall.Data.Personio;
using Rollcall.Endpoints;

namespace Rollcall.Integration;

/// <summary>
/// The rules for the schedule, the mass-change and payment guards and the leave policy, shared by the JSON API and the admin page.
/// Null leaves a setting as it is.
/// </summary>
internal static class PersonioSettings
{
    /// <summary>The settings an admin may change; null leaves one as it is.</summary>
    public sealed record Changes(string? NightlyAt = null, int? GuardPercent = null, int? GuardMinimum = null, LeavePolicy? LeavePolicy = null,
        int? PaymentGuardPercent = null, int? PaymentGuardMinimum = null);

    /// <summary>Applies the settings to the (tracked) integration, or returns the problem with the first invalid one; the caller saves.</summary>
    public static ProblemDetails? Apply(PersonioIntegration integration, Changes settings)
    {
        if (settings.NightlyAt is { } text)
        {
            if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                return ProblemCodes.Invalid("invalid_time");
            }

            integration.NightlyAt = at;
        }

        if (settings.GuardPercent is { } percent)
        {
            if (percent is < 0 or > 100)
            {
                return ProblemCodes.Invalid("invalid_threshold.percent");
            }

            integration.GuardPercent = percent;
        }

        if (settings.GuardMinimum is { } minimum)
        {
            if (minimum is < 1 or > 100_000)
            {
                return ProblemCodes.Invalid("invalid_threshold.minimum");
            }

            integration.GuardMinimum = minimum;
        }

        // The payment guard: more IBAN or creditor number changes than the minimum and than the share of users are held.
        if (settings.PaymentGuardPercent is { } paymentPercent)
        {
            if (paymentPercent is < 0 or > 100)
            {
                return ProblemCodes.Invalid("invalid_threshold.percent");
            }

            integration.PaymentGuardPercent = paymentPercent;
        }

        if (settings.PaymentGuardMinimum is { } paymentMinimum)
        {
            if (paymentMinimum is < 0 or > 100_000)
            {
                return ProblemCodes.Invalid("invalid_threshold.minimum");
            }

            integration.PaymentGuardMinimum = paymentMinimum;
        }

        integration.LeavePolicy = settings.LeavePolicy ?? integration.LeavePolicy;
        return null;
    }
}
