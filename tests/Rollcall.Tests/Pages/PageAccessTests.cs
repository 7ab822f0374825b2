using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Pages;

/// <summary>Every company page: its admin gets it, a member 403, an admin of another company 404; and in which language.</summary>
public sealed class PageAccessTests
{
    /// <summary>Every Razor page under <c>/companies/{companyId}</c>, read from the routing table, so a new page cannot be left out.</summary>
    private static List<string> PagesOf(RollcallApp app, Guid companyId, Guid userId, Guid runId)
    {
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(p => p.StartsWith("companies/{companyId:guid}", StringComparison.Ordinal))
            .Distinct()
            .Select(p => "/" + p.Replace("{companyId:guid}", companyId.ToString(), StringComparison.Ordinal)
                .Replace("{userId:guid}", userId.ToString(), StringComparison.Ordinal)
                .Replace("{runId:guid}", runId.ToString(), StringComparison.Ordinal))
            .ToList();
        Assert.All(pages, p => Assert.DoesNotContain("{", p, StringComparison.Ordinal));
        Assert.Contains($"/companies/{companyId}/mail", pages);
        return pages;
    }

    [Fact]
    public async Task CompanyPages_MemberForbidden_OtherCompanysAdminNotFound()
    {
        await using var app = RollcallApp.Start();
        var acme = await app.CreateCompanyAsync("Acme");
        var globex = await app.CreateCompanyAsync("Globex");
        var member = await app.AddUserWithLoginAsync(acme.Id, UserRole.Member);
        var runId = Guid.NewGuid();
        var callers = new (string Who, HttpClient Browser, HttpStatusCode Expected)[]
        {
            ("member", await PageKit.LoggedInAsync(app, member.Email), HttpStatusCode.Forbidden),
            ("other company's admin", await PageKit.LoggedInAsync(app, globex.AdminEmail), HttpStatusCode.NotFound),
        };
        var admin = await PageKit.LoggedInAsync(app, acme.AdminEmail);

        var wrong = new List<string>();
        foreach (var path in PagesOf(app, acme.Id, member.UserId, runId))
        {
            foreach (var (who, browser, expected) in callers)
            {
                foreach (var request in new[] { new HttpRequestMessage(HttpMethod.Get, path), new HttpRequestMessage(HttpMethod.Post, path + "?handler=Approve") { Content = new FormUrlEncodedContent([]) } })
                {
                    var response = await browser.SendAsync(request);
                    if (response.StatusCode != expected)
                    {
                        wrong.Add($"{request.Method} {path} as {who}: {(int)response.StatusCode}");
                    }
                }
            }

            var own = await admin.GetAsync(path);
            var ownExpected = path.Contains(runId.ToString(), StringComparison.Ordinal) ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            if (own.StatusCode != ownExpected)
            {
                wrong.Add($"GET {path} as the admin: {(int)own.StatusCode}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task CompanyPages_GermanCompany_GermanTexts_AdminCanSwitchToEnglish()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync(); // created with language De
        var browser = await PageKit.LoggedInAsync(app, company.AdminEmail);
        var users = $"/companies/{company.Id}/users";

        var german = await browser.HtmlAsync(users);
        var germanPersonio = await browser.HtmlAsync($"/companies/{company.Id}/integrations/personio");
        var germanRuns = await browser.HtmlAsync($"/companies/{company.Id}/runs");
        var toEnglish = await browser.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en", ["returnUrl"] = users, ["__RequestVerificationToken"] = await TokenAsync(browser, users),
        }));
        var english = await browser.HtmlAsync(users);

        Assert.Contains("<html lang=\"de\">", german);
        Assert.Contains("Benutzer", german);
        Assert.Contains("Synchronisationsverlauf", german);
        Assert.Contains("Personio verbinden", germanPersonio);
        Assert.Contains("Noch keine Läufe.", germanRuns);
        Assert.Equal(HttpStatusCode.Redirect, toEnglish.StatusCode);
        Assert.Equal(users, toEnglish.Headers.Location!.OriginalString);
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains(">Users<", english);
    }

    [Fact]
    public async Task CompanyPages_EnglishCompany_EnglishTexts()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        await PageKit.SetLanguageAsync(app, company.Id, CompanyLanguage.En);
        var browser = await PageKit.LoggedInAsync(app, company.AdminEmail);

        var html = await browser.HtmlAsync($"/companies/{company.Id}/integrations/personio");

        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("Connect Personio", html);
        Assert.Contains("Sync history", html);
    }

    private static async Task<string> TokenAsync(HttpClient browser, string path)
    {
        var html = await (await browser.GetAsync(path)).Content.ReadAsStringAsync();
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(match.Success);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
