using System.Text.RegularExpressions;
using Rollcall.Data.Companies;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Pages;

/// <summary>Previous/next links of the paged admin lists (50 rows a page), with their filters, and page numbers out of range.</summary>
public sealed partial class PagingPageTests
{
    private const int People = 55;

    private static async Task<(SyncScenario S, HttpClient Browser)> StartAsync()
    {
        var s = await SyncScenario.StartAsync();
        await PageKit.SetLanguageAsync(s.App, s.Company.Id, CompanyLanguage.En);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        return (s, browser);
    }

    /// <summary>55 people in Personio, synced: Pat Person01 (p01@example.test) to Pat Person55, plus the admin Ada Admin.</summary>
    private static async Task<SyncRun> HireAndSyncAsync(SyncScenario s)
    {
        foreach (var i in Enumerable.Range(1, People))
        {
            await s.HireAsync("Pat", $"Person{i:00}", $"p{i:00}@example.test");
        }

        var run = await s.SyncAsync();
        Assert.Equal((RunState.Succeeded, People), (run.State, run.Created));
        return run;
    }

    private static List<int> PeopleOn(string html) => [.. Person().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct()];

    private static string? LinkOf(string html, string rel) => Link().Matches(html).FirstOrDefault(m => m.Groups[2].Value == rel)?.Groups[1].Value;

    private static List<int> Range(int from, int to) => [.. Enumerable.Range(from, to - from + 1)];

    [Fact]
    public async Task UsersList_MoreThanAPage_NextAndPreviousLinksKeepTheFilters()
    {
        var (s, browser) = await StartAsync();
        await using var _ = s;
        await HireAndSyncAsync(s);
        var path = $"/companies/{s.Company.Id}/users";

        var first = await browser.HtmlAsync(path);
        var second = await browser.HtmlAsync(LinkOf(first, "next")!);
        var back = await browser.HtmlAsync(LinkOf(second, "prev")!);
        var filteredFirst = await browser.HtmlAsync($"{path}?search=person&status=invited&source=personio");
        var filteredNext = LinkOf(filteredFirst, "next")!;
        var filteredSecond = await browser.HtmlAsync(filteredNext);

        Assert.Contains("56 users", first);
        Assert.Contains("Ada", first); // the admin sorts first (last name Admin)
        Assert.Equal(Range(1, 49), PeopleOn(first));
        Assert.Contains("Page 1 of 2", first);
        Assert.Null(LinkOf(first, "prev"));
        Assert.Equal($"{path}?page=2", LinkOf(first, "next"));
        Assert.Equal(Range(50, 55), PeopleOn(second));
        Assert.Contains("Page 2 of 2", second);
        Assert.Null(LinkOf(second, "next"));
        Assert.Equal(PeopleOn(first), PeopleOn(back));
        Assert.Contains("55 users", filteredFirst);
        Assert.Equal(Range(1, 50), PeopleOn(filteredFirst));
        Assert.Contains("search=person", filteredNext);
        Assert.Contains("status=invited", filteredNext);
        Assert.Contains("source=personio", filteredNext);
        Assert.Equal(Range(51, 55), PeopleOn(filteredSecond)); // p50 would be here if the filters had been lost
        Assert.Contains("value=\"person\"", filteredSecond); // the search box still holds the term
        var filteredPrev = LinkOf(filteredSecond, "prev")!;
        Assert.Contains("source=personio", filteredPrev);
        Assert.Equal(Range(1, 50), PeopleOn(await browser.HtmlAsync(filteredPrev)));
    }

    [Fact]
    public async Task RunSteps_MoreThanAPage_NextAndPreviousLinksKeepTheKind()
    {
        var (s, browser) = await StartAsync();
        await using var _ = s;
        var run = await HireAndSyncAsync(s);
        var path = $"/companies/{s.Company.Id}/runs/{run.Id}";

        var first = await browser.HtmlAsync($"{path}?kind=create");
        var next = LinkOf(first, "next")!;
        var second = await browser.HtmlAsync(next);
        var back = await browser.HtmlAsync(LinkOf(second, "prev")!);
        var otherKind = await browser.HtmlAsync($"{path}?kind=update&page=2");

        Assert.Equal(Range(1, 50), PeopleOn(first));
        Assert.Contains("Page 1 of 2", first);
        Assert.Null(LinkOf(first, "prev"));
        Assert.Contains("kind=create", next);
        Assert.Contains("page=2", next);
        Assert.Equal(Range(51, 55), PeopleOn(second));
        Assert.Contains("Page 2 of 2", second);
        Assert.Null(LinkOf(second, "next"));
        Assert.Equal(Range(1, 50), PeopleOn(back));
        Assert.Contains("No steps.", otherKind);
    }

    [Fact]
    public async Task SyncHistory_MoreThanAPage_NewestFirstThenTheRest()
    {
        var (s, browser) = await StartAsync();
        await using var _ = s;
        await s.HireAsync("Lena", "Lang", "lena@example.test");
        var runs = new List<Guid>();
        foreach (var _i in Enumerable.Range(1, 52))
        {
            runs.Add((await s.SyncAsync()).Id);
        }

        var path = $"/companies/{s.Company.Id}/runs";
        var first = await browser.HtmlAsync(path);
        var second = await browser.HtmlAsync(LinkOf(first, "next")!);
        var back = await browser.HtmlAsync(LinkOf(second, "prev")!);

        var newest = runs.AsEnumerable().Reverse().ToList();
        Assert.Equal(newest.Take(50).ToList(), RunsOn(first));
        Assert.Contains("Page 1 of 2", first);
        Assert.Null(LinkOf(first, "prev"));
        Assert.Equal(newest.Skip(50).ToList(), RunsOn(second));
        Assert.Contains("Page 2 of 2", second);
        Assert.Null(LinkOf(second, "next"));
        Assert.Equal(RunsOn(first), RunsOn(back));
    }

    [Fact]
    public async Task PageNumbersOutOfRange_NoErrorAndNoWrongRows()
    {
        var (s, browser) = await StartAsync();
        await using var _ = s;
        var run = await HireAndSyncAsync(s);
        var users = $"/companies/{s.Company.Id}/users?source=personio&page=";
        var steps = $"/companies/{s.Company.Id}/runs/{run.Id}?page=";
        var history = $"/companies/{s.Company.Id}/runs?page=";

        foreach (var list in new[] { users, steps, history })
        {
            var firstPage = await browser.HtmlAsync($"{list}1");
            foreach (var low in new[] { "0", "-3", "abc", "" })
            {
                var html = await browser.HtmlAsync($"{list}{low}");
                Assert.Equal(PeopleOn(firstPage), PeopleOn(html)); // read as the first page
                Assert.Equal(RunsOn(firstPage), RunsOn(html));
            }
        }

        foreach (var list in new[] { users, steps })
        {
            foreach (var high in new[] { "3", "99", "2147483647" })
            {
                var html = await browser.HtmlAsync($"{list}{high}");
                Assert.Equal(Range(51, 55), PeopleOn(html)); // read as the last page, with a way back
                Assert.Contains("Page 2 of 2", html);
                Assert.Equal(Range(1, 50), PeopleOn(await browser.HtmlAsync(LinkOf(html, "prev")!)));
            }
        }

        Assert.Equal([run.Id], RunsOn(await browser.HtmlAsync($"{history}99")));
    }

    [Fact]
    public async Task UsersApi_PageNumberWhoseOffsetOverflows_EmptyPageNotTheFirst()
    {
        var (s, _) = await StartAsync();
        await using var __ = s;
        await HireAndSyncAsync(s);

        var page = await (await s.Api.GetAsync($"/api/companies/{s.Company.Id}/users?page={int.MaxValue}")).ReadJsonAsync(System.Net.HttpStatusCode.OK);

        Assert.Equal((int.MaxValue, 56), (page["page"]!.GetValue<int>(), page["total"]!.GetValue<int>()));
        Assert.Empty(page["items"]!.AsArray());
    }

    private static List<Guid> RunsOn(string html) => [.. RunLink().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value))];

    [GeneratedRegex(@"p(\d\d)@example\.test")]
    private static partial Regex Person();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"(prev|next)\">")]
    private static partial Regex Link();

    [GeneratedRegex("/runs/([0-9a-f-]{36})\"")]
    private static partial Regex RunLink();
}
