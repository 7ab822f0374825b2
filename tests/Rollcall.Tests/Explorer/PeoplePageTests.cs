using Rollcall.Data.Companies;
using Rollcall.Tests.Infrastructure;
using Rollcall.Tests.Pages;

namespace Rollcall.Tests.Explorer;

/// <summary>The admin page "Who is a user, and why", in German and English.</summary>
public sealed class PeoplePageTests
{
    [Fact]
    public async Task PeoplePage_English_ListsPeopleWithReasonsAndFilters()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        await PageKit.SetLanguageAsync(s.App, s.Company.Id, CompanyLanguage.En);
        var anna = await s.HireAsync("Anna", "Active", "anna@example.test");
        await s.HireAsync("Xaver", "Extern", "xaver@example.test", type: "external");
        await s.SyncAsync();
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        var path = $"/companies/{s.Company.Id}/people";

        var all = await browser.HtmlAsync(path);
        var externals = await browser.HtmlAsync($"{path}?outcome=NotUser&reason=external");
        var searched = await browser.HtmlAsync($"{path}?search=anna");
        var users = await browser.HtmlAsync($"/companies/{s.Company.Id}/users");

        Assert.Contains("Who is a user, and why", all);
        Assert.Contains("External in Personio: only internal employees are users.", all);
        Assert.Contains("Active and internal in Personio.", all);
        Assert.Contains($"/companies/{s.Company.Id}/users/{(await s.UserOfAsync(anna)).Id}", all);
        Assert.Contains("<label class=\"inline\" for=\"people-search\">", all);
        Assert.Contains("id=\"people-search\"", all);
        Assert.Contains("<option value=\"external\"", all);
        Assert.Contains("xaver@example.test", externals);
        Assert.DoesNotContain("anna@example.test", externals);
        Assert.Contains("anna@example.test", searched);
        Assert.DoesNotContain("xaver@example.test", searched);
        Assert.Contains($"href=\"{path}\"", users); // in the company's navigation
    }

    [Fact]
    public async Task PeoplePage_German_TextsAndReasonsInGerman()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        await PageKit.SetLanguageAsync(s.App, s.Company.Id, CompanyLanguage.De);
        await s.HireAsync("Xaver", "Extern", "xaver@example.test", type: "external");
        await s.SyncAsync();
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);

        var html = await browser.HtmlAsync($"/companies/{s.Company.Id}/people");

        Assert.Contains("Wer ist Benutzer, und warum", html);
        Assert.Contains("In Personio extern: nur interne Mitarbeitende sind Benutzer.", html);
        Assert.Contains("kein Benutzer", html);
        Assert.Contains("Personen in Personio", html);
        Assert.DoesNotContain("Who is a user", html);
    }
}
