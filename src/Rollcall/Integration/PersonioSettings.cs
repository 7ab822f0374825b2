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

        // The mass-change guard on deactivations, and the payment guard on IBAN and creditor number changes: more than the
        // minimum and than the share of users are held. A payment minimum of 0 holds every such change.
        if (!Threshold(settings.GuardPercent, 0, 100, v => integration.GuardPercent = v))
        {
            return ProblemCodes.Invalid("invalid_threshold.percent");
        }

        if (!Threshold(settings.GuardMinimum, 1, 100_000, v => integration.GuardMinimum = v))
        {
            return ProblemCodes.Invalid("invalid_threshold.minimum");
        }

        if (!Threshold(settings.PaymentGuardPercent, 0, 100, v => integration.PaymentGuardPercent = v))
        {
            return ProblemCodes.Invalid("invalid_threshold.percent");
        }

        if (!Threshold(settings.PaymentGuardMinimum, 0, 100_000, v => integration.PaymentGuardMinimum = v))
        {
            return ProblemCodes.Invalid("invalid_threshold.minimum");
        }

        integration.LeavePolicy = settings.LeavePolicy ?? integration.LeavePolicy;
        return null;
    }

    /// <summary>Sets a threshold given within its bounds; false when it is out of them (nothing set). None given: true.</summary>
    private static bool Threshold(int? value, int lowest, int highest, Action<int> set)
    {
        if (value is not { } given)
        {
            return true;
        }

        if (given < lowest || given > highest)
        {
            return false;
        }

        set(given);
        return true;
    }
}
