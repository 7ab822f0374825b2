using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Outbox;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;
using Rollcall.Tests.Pages;

namespace Rollcall.Tests.Overview;

/// <summary>The company overview: integration state, last and running run, next nightly run in the company's time zone, and what needs an admin.</summary>
public sealed partial class OverviewPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task NotConnected_NoRuns_NotConnectedNoneScheduledAndAllIsWell()
    {
        await using var kit = await OverviewKit.StartAsync(Now);

        var html = await kit.Browser.HtmlAsync(kit.Root);

        Assert.Contains(">not connected</span>", html);
        Assert.Contains("badge badge-neutral", html);
        Assert.Contains("No runs yet.", html);
        Assert.Contains("<p data-next-run>none scheduled</p>", html);
        Assert.Contains("<p class=\"empty-state\">All is well: nothing needs you.</p>", html);
        Assert.DoesNotContain("data-attention=", html);
        Assert.DoesNotContain("Running now", html);
    }

    [Fact]
    public async Task Connected_LastRunAndRunningRun_InTheCompanysTime_WithLinks()
    {
        await using var kit = await OverviewKit.StartAsync(Now);
        await kit.ConnectAsync();
        await kit.AddRunAsync(RunState.Succeeded, new DateTime(2026, 6, 13, 23, 0, 0, DateTimeKind.Utc));
        var last = await kit.AddRunAsync(RunState.Succeeded, new DateTime(2026, 6, 15, 0, 10, 0, DateTimeKind.Utc), new DateTime(2026, 6, 15, 0, 30, 0, DateTimeKind.Utc),
            more: r => (r.Read, r.Created, r.Updated, r.Deactivated, r.Skipped) = (120, 3, 4, 1, 2));
        await kit.AddRunAsync(RunState.Previewed, new DateTime(2026, 6, 15, 8, 0, 0, DateTimeKind.Utc), dryRun: true); // a preview is not the last run
        var running = await kit.AddRunAsync(RunState.Running, new DateTime(2026, 6, 15, 9, 55, 0, DateTimeKind.Utc), more: r => r.Phase = RunPhase.Applying);

        var html = await kit.Browser.HtmlAsync(kit.Root);

        Assert.Contains("<span class=\"badge badge-ok\" data-integration-state>connected</span>", html);
        Assert.Contains("<span class=\"badge badge-ok\" data-last-run-state>succeeded</span>", html);
        Assert.Contains("<span data-last-run-at>2026-06-15 02:30</span>", html); // finished 00:30 UTC, 02:30 in Berlin
        Assert.Contains("120 read, 3 created, 4 updated, 1 deactivated, 2 skipped", html);
        Assert.Contains($"<a href=\"{kit.Root}/runs/{last.Id}\">Open the run</a>", html);
        Assert.Contains("<span class=\"badge badge-info\" data-running-phase>applying the changes</span>", html);
        Assert.Contains("started 2026-06-15 11:55", html);
        Assert.Contains($"<a href=\"{kit.Root}/runs/{running.Id}\">Follow its progress</a>", html);
        Assert.Contains("All is well: nothing needs you.", html);
    }

    [Fact]
    public async Task NextRun_InTheCompanysTimeZone_AcrossItsDayBoundary_FollowsTheClock()
    {
        // 10:00 UTC is 22:00 in Auckland (UTC+12 in June): tonight's 02:00 there is tomorrow's date, 14:00 UTC today.
        await using var kit = await OverviewKit.StartAsync(Now, "Pacific/Auckland");
        await kit.ConnectAsync(nightlyAt: new TimeOnly(2, 0));

        var before = await kit.Browser.HtmlAsync(kit.Root);
        kit.Clock.Advance(TimeSpan.FromHours(5)); // 03:00 on the 16th in Auckland: the 02:00 run has passed
        var after = await kit.Browser.HtmlAsync(kit.Root);
        await kit.App.WithDbAsync(db => db.PersonioIntegrations.Where(i => i.CompanyId == kit.Company.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.NightlyAt, new TimeOnly(23, 30))));
        var later = await kit.Browser.HtmlAsync(kit.Root);

        Assert.Contains("<p data-next-run>2026-06-16 02:00 (Pacific/Auckland)</p>", before);
        Assert.Contains("<p data-next-run>2026-06-17 02:00 (Pacific/Auckland)</p>", after);
        Assert.Contains("<p data-next-run>2026-06-16 23:30 (Pacific/Auckland)</p>", later);
        Assert.Contains("Times in Pacific/Auckland.", before);
    }

    [Fact]
    public async Task NightlyRunsOff_Connected_NoneScheduled()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        await using var kit = await OverviewKit.StartAsync(Now, app: RollcallApp.Start(clock: clock, settings: new Dictionary<string, string?> { ["Sync:ScheduleNightlyRuns"] = "false" }));
        await kit.ConnectAsync();

        var html = await kit.Browser.HtmlAsync(kit.Root);

        Assert.Contains("<p data-next-run>none scheduled</p>", html);
    }

    [Fact]
    public async Task EveryKindOfItem_ItsTextCountLinkAndSeverity_UrgentFirst()
    {
        await using var kit = await OverviewKit.StartAsync(Now);
        await kit.ConnectAsync(unreadable: $"{SyncScenario.IbanKey},supervisor"); // an org attribute is reported on the run, not here
        var held = await kit.AddRunAsync(RunState.NeedsApproval, new DateTime(2026, 6, 12, 0, 0, 0, DateTimeKind.Utc));
        await kit.AddHeldStepsAsync(held.Id, 2);
        await kit.AddRunAsync(RunState.Failed, new DateTime(2026, 6, 13, 0, 0, 0, DateTimeKind.Utc));
        await kit.AddRunAsync(RunState.Failed, new DateTime(2026, 6, 14, 0, 0, 0, DateTimeKind.Utc));
        await kit.AddRunAsync(RunState.Failed, new DateTime(2026, 6, 15, 0, 0, 0, DateTimeKind.Utc));
        await kit.AddMailAsync(MessageState.Failed, held: false, 4);
        await kit.AddMailAsync(MessageState.Pending, held: true, 5);
        await kit.AddMailAsync(MessageState.Pending, held: false, 6); // on its way: nothing to do
        await kit.AddMailAsync(MessageState.Cancelled, held: true, 1);

        var items = Items(await kit.Browser.HtmlAsync(kit.Root));

        Assert.Equal(
        [
            ("runsfailing", "badge-danger", "The last 3 runs failed.", $"{kit.Root}/runs", "Open the sync history"),
            ("mailfailed", "badge-danger", "Emails that could not be sent: 4", $"{kit.Root}/mail?filter=failed", "Open the mail"),
            ("heldapprovals", "badge-warn", "Changes waiting for your approval: 2", $"{kit.Root}/approvals", "Open the approvals"),
            ("mailheld", "badge-warn", "Invitations held for you to release or discard: 5", $"{kit.Root}/mail?filter=held", "Open the mail"),
            ("attributesunreadable", "badge-warn", "Mapped attributes Personio no longer lets Rollcall read: 1", $"{kit.Root}/integrations/personio#mapping", "Check the attribute mapping"),
        ], items);
    }

    [Fact]
    public async Task OneFailedRunAfterASuccess_NotYetAnItem_TwoInARowAre()
    {
        await using var kit = await OverviewKit.StartAsync(Now);
        await kit.ConnectAsync();
        await kit.AddRunAsync(RunState.Failed, new DateTime(2026, 6, 12, 0, 0, 0, DateTimeKind.Utc));
        await kit.AddRunAsync(RunState.Succeeded, new DateTime(2026, 6, 13, 0, 0, 0, DateTimeKind.Utc));
        await kit.AddRunAsync(RunState.Failed, new DateTime(2026, 6, 14, 0, 0, 0, DateTimeKind.Utc));
        await kit.AddRunAsync(RunState.Failed, new DateTime(2026, 6, 14, 1, 0, 0, DateTimeKind.Utc), dryRun: true); // previews do not count

        var one = Items(await kit.Browser.HtmlAsync(kit.Root));
        await kit.AddRunAsync(RunState.Failed, new DateTime(2026, 6, 15, 0, 0, 0, DateTimeKind.Utc));
        var two = Items(await kit.Browser.HtmlAsync(kit.Root));

        Assert.Empty(one);
        Assert.Equal(("runsfailing", "The last 2 runs failed."), (Assert.Single(two).Kind, two[0].Text));
    }

    [Fact]
    public async Task CredentialsRejected_DangerItemAndState_LinkToTheIntegration()
    {
        await using var kit = await OverviewKit.StartAsync(Now);
        await kit.ConnectAsync(IntegrationState.CredentialsRejected, unreadable: SyncScenario.IbanKey);

        var html = await kit.Browser.HtmlAsync(kit.Root);

        Assert.Contains("<span class=\"badge badge-danger\" data-integration-state>credentials rejected</span>", html);
        Assert.Contains("<p data-next-run>none scheduled</p>", html);
        Assert.Equal(
            [("credentialsrejected", "badge-danger", "Personio rejected the stored credentials: syncing has stopped until you enter new ones.", $"{kit.Root}/integrations/personio", "Enter new credentials")],
            Items(html)); // the unreadable attributes wait until the credentials work again
    }

    [Fact]
    public async Task SecretNoLongerReadable_FoundByTheOverview_StateRecordedAndItemShown()
    {
        await using var kit = await OverviewKit.StartAsync(Now);
        await kit.ConnectAsync(readableSecret: false);

        var html = await kit.Browser.HtmlAsync(kit.Root);
        var state = await kit.App.WithDbAsync(db => db.PersonioIntegrations.Where(i => i.CompanyId == kit.Company.Id).Select(i => i.State).SingleAsync());

        Assert.Equal(IntegrationState.SecretUnreadable, state);
        Assert.Contains("<span class=\"badge badge-danger\" data-integration-state>needs new credentials</span>", html);
        Assert.Equal("secretunreadable", Assert.Single(Items(html)).Kind);
        Assert.DoesNotContain("papi-secret", html);
    }

    [Fact]
    public async Task German_TextsAndItemsInGerman()
    {
        await using var kit = await OverviewKit.StartAsync(Now);
        await PageKit.SetLanguageAsync(kit.App, kit.Company.Id, Rollcall.Data.Companies.CompanyLanguage.De);
        var empty = await kit.Browser.HtmlAsync(kit.Root);
        await kit.AddMailAsync(MessageState.Failed, held: false, 1);

        var items = Items(await kit.Browser.HtmlAsync(kit.Root));

        Assert.Contains("<h1>Überblick</h1>", empty);
        Assert.Contains("Alles in Ordnung: Nichts braucht Sie.", empty);
        Assert.Equal(("dringend", "E-Mails, die nicht versandt werden konnten: 1", "E-Mails öffnen"), (items[0].Badge == "badge-danger" ? "dringend" : "", items[0].Text, items[0].LinkText));
    }

    [Fact]
    public async Task Home_OneCompany_RedirectsToItsOverview_NavLinksOverviewAndTrends()
    {
        await using var kit = await OverviewKit.StartAsync(Now);

        var home = await kit.Browser.GetAsync("/");
        var html = await kit.Browser.HtmlAsync(kit.Root);

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal(kit.Root, home.Headers.Location!.OriginalString);
        Assert.Contains($"<a href=\"{kit.Root}\" aria-current=\"page\">Overview</a>", html);
        Assert.Contains($"<a href=\"{kit.Root}/users\" aria-current=\"false\">Users</a>", html);
        Assert.Contains($"<a href=\"{kit.Root}/trends\" aria-current=\"false\">Trends</a>", html);
    }

    [Fact]
    public async Task Home_TwoCompanies_ListLinksToEachOverview()
    {
        await using var kit = await OverviewKit.StartAsync(Now);
        var other = await kit.App.CreateCompanyAsync("Globex", kit.Company.AdminEmail);

        var html = await kit.Browser.HtmlAsync("/");

        Assert.Contains($"<a href=\"{kit.Root}\">Acme GmbH</a>", html);
        Assert.Contains($"<a href=\"/companies/{other.Id}\">Globex</a>", html);
    }

    private static List<(string Kind, string Badge, string Text, string Link, string LinkText)> Items(string html) =>
        [.. Item().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value))];

    [GeneratedRegex("<li data-attention=\"([a-z]+)\">\\s*<span class=\"badge ([a-z-]+)\">[^<]*</span>\\s*<span>([^<]*)</span>\\s*<a href=\"([^\"]+)\">([^<]*)</a>")]
    private static partial Regex Item();
}
