using System.Globalization;

namespace Rollcall.PersonioSandbox.Model;

/// <summary>Personio is a German product: v1 dates carry the Europe/Berlin offset, v2 timestamps are UTC.</summary>
internal static class Dates
{
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Berlin).DateTime);

    /// <summary>v1 standard date attribute: midnight in Berlin with its offset, e.g. 2021-03-01T00:00:00+01:00.</summary>
    public static string V1Date(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        var offset = Berlin.GetUtcOffset(midnight);
        return new DateTimeOffset(midnight, offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    public static string V1Timestamp(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Berlin).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string V2Timestamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
