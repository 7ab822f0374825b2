using System.Text.RegularExpressions;
using Rollcall.Data.Sync;
using Rollcall.Tests.Pages;

namespace Rollcall.Tests.Overview;

/// <summary>Trends from seeded runs: users by status per company-local day (carried forward), runs by outcome, requests per run; 30 and 90 days.</summary>
public sealed partial class TrendsPageTests
{
    // 10:00 UTC on 15 June is 22:00 in Auckland (UTC+12): today there is still the 15th; 13:00 UTC on the 10th is already the 11th.
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private const string Auckland = "Pacific/Auckland";

    [Fact]
    public async Task UsersByStatus_LastRunOfEachLocalDay_CarriedForward_NothingBeforeTheFirstPoint()
    {
        await using var kit = await OverviewKit.StartAsync(Now, Auckland);
        await kit.AddRunAsync(RunState.Succeeded, Utc(2026, 6, 10, 20), users: (8, 2, 0));
        await kit.AddRunAsync(RunState.Succeeded, Utc(2026, 6, 10, 23), users: (10, 3, 1)); // 23:05 local, the 10th's last
        await kit.AddRunAsync(RunState.NeedsApproval, new DateTime(2026, 6, 10, 13, 0, 0, DateTimeKind.Utc), users: (12, 3, 2)); // 01:05 on the 11th there
        await kit.AddRunAsync(RunState.Previewed, Utc(2026, 6, 12, 9), dryRun: true, users: (99, 99, 99)); // previews are left out
        await kit.AddRunAsync(RunState.Running, Utc(2026, 6, 13, 9), users: (98, 98, 98)); // a run still going has no end yet

        var rows = Rows(await kit.Browser.HtmlAsync($"{kit.Root}/trends"), "users");

        Assert.Equal(30, rows.Count);
        Assert.Equal(("2026-05-17", "–", "–", "–"), rows[0]);
        Assert.Equal(("2026-06-09", "–", "–", "–"), rows[23]);
        Assert.Equal(("2026-06-10", "10", "3", "1"), rows[24]);
        Assert.Equal(("2026-06-11", "12", "3", "2"), rows[25]);
        Assert.All(rows.Skip(26), r => Assert.Equal(("12", "3", "2"), (r.B, r.C, r.D)));
        Assert.Equal("2026-06-15", rows[^1].A);
    }

    [Fact]
    public async Task UsersByStatus_APointBeforeTheWindow_CarriedIntoItsFirstDays()
    {
        await using var kit = await OverviewKit.StartAsync(Now, Auckland);
        await kit.AddRunAsync(RunState.Succeeded, Utc(2026, 5, 1, 2), users: (5, 1, 0));
        await kit.AddRunAsync(RunState.Succeeded, Utc(2026, 6, 1, 2), users: (6, 0, 0));

        var rows = Rows(await kit.Browser.HtmlAsync($"{kit.Root}/trends?days=30"), "users");

        Assert.Equal(("2026-05-17", "5", "1", "0"), rows[0]);
        Assert.Equal(("2026-05-31", "5", "1", "0"), rows[14]);
        Assert.Equal(("2026-06-01", "6", "0", "0"), rows[15]);
    }

    [Fact]
    public async Task RunsByOutcome_PerLocalDay_PreviewsAndRunningLeftOut()
    {
        await using var kit = await OverviewKit.StartAsync(Now, Auckland);
        await kit.AddRunAsync(RunState.Succeeded, Utc(2026, 6, 14, 2));
        await kit.AddRunAsync(RunState.Succeeded, Utc(2026, 6, 14, 23));
        await kit.AddRunAsync(RunState.Failed, new DateTime(2026, 6, 14, 11, 30, 0, DateTimeKind.Utc)); // 23:30 on the 14th there
        await kit.AddRunAsync(RunState.Failed, new DateTime(2026, 6, 14, 12, 30, 0, DateTimeKind.Utc)); // 00:30 on the 15th there
        await kit.AddRunAsync(RunState.NeedsApproval, Utc(2026, 6, 15, 3));
        await kit.AddRunAsync(RunState.Rejected, Utc(2026, 6, 15, 4));
        await kit.AddRunAsync(RunState.Previewed, Utc(2026, 6, 15, 5), dryRun: true);
        await kit.AddRunAsync(RunState.Running, Utc(2026, 6, 15, 21));

        var html = await kit.Browser.HtmlAsync($"{kit.Root}/trends");
        var rows = RunRows(html);

        Assert.Equal(("2026-06-14", "2", "0", "0", "1"), rows[^2]);
        Assert.Equal(("2026-06-15", "0", "1", "1", "1"), rows[^1]);
        Assert.All(rows.SkipLast(2), r => Assert.Equal(("0", "0", "0", "0"), (r.Succeeded, r.NeedsApproval, r.Rejected, r.Failed)));
        Assert.Contains("<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-runs-title chart-runs-desc\"", html);
        Assert.Contains("<title>2026-06-14: 2 succeeded</title>", html); // each bar says what it is
    }

    [Fact]
    public async Task RequestsPerRun_EachRunWithItsRequestsAnd429s_LinkedToTheRun()
    {
        await using var kit = await OverviewKit.StartAsync(Now, Auckland);
        var first = await kit.AddRunAsync(RunState.Succeeded, Utc(2026, 6, 13, 2), requests: 140, throttled: 0);
        var second = await kit.AddRunAsync(RunState.Failed, Utc(2026, 6, 14, 2), requests: 57, throttled: 12);
        await kit.AddRunAsync(RunState.Previewed, Utc(2026, 6, 14, 3), dryRun: true, requests: 100, throttled: 1);

        var html = await kit.Browser.HtmlAsync($"{kit.Root}/trends");

        Assert.Equal(
            [($"{kit.Root}/runs/{first.Id}", "2026-06-13 02:00", "succeeded", "140", "0"), ($"{kit.Root}/runs/{second.Id}", "2026-06-14 02:00", "failed", "57", "12")],
            RequestRows(html));
        Assert.Contains("<title>2026-06-14 02:00: 12 429 (too many requests)</title>", html);
        Assert.Contains("<title>2026-06-14 02:00: 45 answered</title>", html);
    }

    [Fact]
    public async Task NinetyDays_ReachesFurtherBack_OtherValuesShowThirty()
    {
        await using var kit = await OverviewKit.StartAsync(Now, Auckland);
        await kit.AddRunAsync(RunState.Failed, Utc(2026, 4, 10, 2), users: (4, 0, 0), requests: 9);

        var thirty = await kit.Browser.HtmlAsync($"{kit.Root}/trends");
        var ninety = await kit.Browser.HtmlAsync($"{kit.Root}/trends?days=90");
        var odd = await kit.Browser.HtmlAsync($"{kit.Root}/trends?days=7");
        var junk = await kit.Browser.HtmlAsync($"{kit.Root}/trends?days=abc");

        Assert.Equal(30, Rows(thirty, "users").Count);
        Assert.Equal("2026-05-17", Rows(thirty, "users")[0].A);
        Assert.All(Rows(thirty, "users"), r => Assert.Equal("4", r.B)); // carried from before the window
        Assert.Empty(RequestRows(thirty));
        Assert.Contains("No runs in this period.", thirty);
        var days = Rows(ninety, "users");
        Assert.Equal(90, days.Count);
        Assert.Equal(("2026-03-18", "–"), (days[0].A, days[0].B));
        Assert.Equal(("2026-04-10", "4"), (days[23].A, days[23].B));
        Assert.Equal(("2026-04-10", "0", "0", "0", "1"), RunRows(ninety)[23]);
        Assert.Single(RequestRows(ninety));
        Assert.Contains("aria-current=\"page\">Last 90 days</a>", ninety);
        Assert.Equal(30, Rows(odd, "users").Count);
        Assert.Equal(30, Rows(junk, "users").Count);
        Assert.Contains("aria-current=\"page\">Last 30 days</a>", odd);
    }

    [Fact]
    public async Task German_ChartsAndTablesInGerman()
    {
        await using var kit = await OverviewKit.StartAsync(Now, Auckland);
        await PageKit.SetLanguageAsync(kit.App, kit.Company.Id, Rollcall.Data.Companies.CompanyLanguage.De);
        await kit.AddRunAsync(RunState.Succeeded, Utc(2026, 6, 14, 2), users: (1200, 30, 4), requests: 1500, throttled: 3);

        var html = await kit.Browser.HtmlAsync($"{kit.Root}/trends");

        Assert.Contains("<h2 id=\"trend-users\">Benutzer nach Status</h2>", html);
        Assert.Contains("<summary>Als Tabelle zeigen</summary>", html);
        Assert.Equal(("2026-06-14", "1.200", "30", "4"), Rows(html, "users")[^2]); // German digit grouping
        Assert.Contains("aktiv</li>", html);
    }

    private static DateTime Utc(int year, int month, int day, int hour) => OverviewKit.Utc(year, month, day, hour, 0, Auckland);

    private static string Table(string html, string name)
    {
        var start = html.IndexOf($"data-table=\"{name}\"", StringComparison.Ordinal);
        return start < 0 ? "" : html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    private static List<(string A, string B, string C, string D)> Rows(string html, string table) =>
        [.. Row4().Matches(Table(html, table)).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value))];

    private static List<(string Day, string Succeeded, string NeedsApproval, string Rejected, string Failed)> RunRows(string html) =>
        [.. Row5().Matches(Table(html, "runs")).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value))];

    private static List<(string Link, string Started, string State, string Requests, string Throttled)> RequestRows(string html) =>
        [.. RequestRow().Matches(Table(html, "requests")).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value))];

    [GeneratedRegex("<tr><th scope=\"row\">([^<]+)</th><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>")]
    private static partial Regex Row4();

    [GeneratedRegex("<tr><th scope=\"row\">([^<]+)</th><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>")]
    private static partial Regex Row5();

    [GeneratedRegex("<th scope=\"row\"><a href=\"([^\"]+)\">([^<]+)</a></th>\\s*<td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>")]
    private static partial Regex RequestRow();
}
