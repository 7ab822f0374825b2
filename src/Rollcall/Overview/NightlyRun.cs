namespace Rollcall.Overview;

/// <summary>
/// When a company's next nightly run is due: the integration's local time on the first company-local day whose time is
/// still ahead. Computed from the company's settings as <c>Sync/SyncSchedule</c> builds its trigger, without asking the
/// scheduler, so the overview reads no scheduler store and follows the application's clock.
/// </summary>
internal static class NightlyRun
{
    public static DateTimeOffset Next(DateTimeOffset now, TimeOnly at, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        for (var day = today.AddDays(-1); ; day = day.AddDays(1))
        {
            var local = day.ToDateTime(at);
            // A time the clock skips when it springs forward does not occur that day.
            if (zone.IsInvalidTime(local))
            {
                continue;
            }

            var utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
            if (utc > now)
            {
                return utc;
            }
        }
    }
}
