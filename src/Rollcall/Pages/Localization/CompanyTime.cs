using System.Globalization;

namespace Rollcall.Pages.Localization;

/// <summary>Times are stored in UTC and shown in the company's time zone, which is what its admins read schedules in.</summary>
internal static class CompanyTime
{
    public static string Format(DateTime? utc, TimeZoneInfo zone) =>
        utc is { } at ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "–";

    public static string Format(DateTimeOffset? at, TimeZoneInfo zone) => Format(at?.UtcDateTime, zone);
}
