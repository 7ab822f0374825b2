using System.Globalization;
using System.Text.RegularExpressions;
using Rollcall.Overview;
using Rollcall.Pages.Shared.Charts;

namespace Rollcall.Tests.Overview;

/// <summary>The pure parts: the next nightly run across clock changes, the charts' scale, gaps and escaping.</summary>
public sealed partial class ChartAndScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("2026-03-28T12:00:00Z", "02:30", "2026-03-29T01:00:00Z")] // 02:30 does not exist on the 29th in Berlin: at 03:00, when the gap ends
    [InlineData("2026-03-28T12:00:00Z", "03:30", "2026-03-29T01:30:00Z")] // summer time from the 29th
    [InlineData("2026-10-24T12:00:00Z", "01:00", "2026-10-24T23:00:00Z")] // still summer time
    [InlineData("2026-10-25T12:00:00Z", "01:00", "2026-10-26T00:00:00Z")] // winter time again
    [InlineData("2026-10-24T12:00:00Z", "02:30", "2026-10-25T00:30:00Z")] // 02:30 comes twice on the 25th: the first
    [InlineData("2026-10-25T00:45:00Z", "02:30", "2026-10-26T01:30:00Z")] // past the first, not the second: the next day's
    [InlineData("2026-06-15T00:00:00Z", "02:00", "2026-06-16T00:00:00Z")] // exactly at the time: the next day's
    [InlineData("2026-06-14T23:59:00Z", "02:00", "2026-06-15T00:00:00Z")] // before midnight UTC, already the 15th in Berlin
    public void NextNightlyRun_InTheCompanysZone_AcrossClockChanges(string now, string at, string expected)
    {
        var next = NightlyRun.Next(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture), TimeOnly.Parse(at, CultureInfo.InvariantCulture), Berlin);

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), next);
    }

    /// <summary>The overview computes the time itself; Quartz fires the trigger <c>Sync/SyncSchedule</c> builds. They agree.</summary>
    [Theory]
    [InlineData("2026-03-28T12:00:00Z", 2, 30)]
    [InlineData("2026-03-28T12:00:00Z", 3, 30)]
    [InlineData("2026-10-24T12:00:00Z", 2, 30)]
    [InlineData("2026-10-25T00:10:00Z", 2, 30)]
    [InlineData("2026-06-15T00:00:00Z", 2, 0)]
    [InlineData("2026-06-14T23:59:00Z", 23, 59)]
    [InlineData("2026-10-25T00:45:00Z", 2, 30)]
    public void NextNightlyRun_AgreesWithQuartzCronTrigger(string now, int hour, int minute)
    {
        var from = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture);
        var cron = new Quartz.CronExpression($"0 {minute} {hour} * * ?", Berlin);

        Assert.Equal(cron.GetNextValidTimeAfter(from), NightlyRun.Next(from, new TimeOnly(hour, minute), Berlin));
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 6)]
    [InlineData(11, 12)]
    [InlineData(20, 20)]
    [InlineData(242, 300)]
    [InlineData(1001, 1200)]
    [InlineData(99_000, 100_000)]
    public void Scale_RoundTopWithAWholeHalf(double max, double top) => Assert.Equal(top, SvgChart.NiceMax(max));

    [Fact]
    public void Lines_AGapBreaksTheLine_TextsEscaped_TitledForAssistiveTechnology()
    {
        var svg = SvgChart.Lines("c", "Users <all>", "desc & more", ["d1", "d2", "d3", "d4"], [new ChartSeries("a\"b", "#000", [1, null, 3, 4])]).ToString()!;

        Assert.Equal(2, MoveTo().Count(svg)); // a new stroke after the gap
        Assert.Contains("role=\"img\" aria-labelledby=\"c-title c-desc\"", svg);
        Assert.Contains("<title id=\"c-title\">Users &lt;all&gt;</title>", svg);
        Assert.Contains("<desc id=\"c-desc\">desc &amp; more</desc>", svg);
        Assert.Contains("d4: 4 a&quot;b</title>", svg);
        Assert.DoesNotContain("style=", svg);
    }

    [GeneratedRegex(" ?M[0-9.]+ [0-9.]+")]
    private static partial Regex MoveTo();
}
