namespace Rollcall.Overview;

/// <summary>
/// When a company's next nightly run is due: the integration's local time on the first company-local day whose time is
/// still ahead. Computed from the company's settings as <c>Sync/SyncSchedule</c> builds its trigger, without asking the
/// scheduler, so the overview reads no scheduler store and follows the application's clock. Clock changes are taken as
/// Quartz's cron trigger takes them (a test holds the two together): a time the clock skips fires when the gap ends, a
/// time the clock passes twice fires at its first passing.
/// </summary>
internal static class NightlyRun
{
    public static DateTimeOffset Next(DateTimeOffset now, TimeOnly at, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        for (var day = today.AddDays(-1); ; day = day.AddDays(1))
        {
            var utc = Instant(day.ToDateTime(at), zone);
            if (utc > now)
            {
                return utc;
            }
        }
    }

    private static DateTimeOffset Instant(DateTime local, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
