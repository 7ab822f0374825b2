using System.Net;
using System.Text;
using Rollcall.Tests.Infrastructure;
using Rollcall.Tests.Pages;

namespace Rollcall.Tests.Access;

/// <summary>Every answer carries the security headers; a body over the limit is refused before it is read.</summary>
public sealed class SecurityHeadersTests
{
    [Fact]
    public async Task Pages_ApiAndErrors_CarryCspNosniffFramingAndReferrerHeaders()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var browser = await PageKit.LoggedInAsync(app, company.AdminEmail);
        var api = app.ApiClient(company.ApiKey);

        HttpResponseMessage[] answers =
        [
            await app.BrowserClient().GetAsync("/login"),
            await browser.GetAsync($"/companies/{company.Id}/users"),
            await browser.GetAsync($"/companies/{company.Id}/integrations/personio"),
            await browser.GetAsync("/account/two-factor"),
            await app.BrowserClient().GetAsync("/invitation/not-a-token"),
            await api.GetAsync("/api/me"),
            await api.GetAsync($"/api/companies/{Guid.NewGuid()}/users"),
            await app.ApiClient(null).GetAsync("/api/me"),
        ];

        Assert.All(answers, answer =>
        {
            var csp = string.Join(",", answer.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self';", csp);
            Assert.Contains("style-src 'self';", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("object-src 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(answer.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("same-origin", Assert.Single(answer.Headers.GetValues("Referrer-Policy")));
        });
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized],
            answers.Select(a => a.StatusCode));
    }

    [Fact]
    public async Task Pages_NoInlineScriptOrStyleOrHandler()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var browser = await PageKit.LoggedInAsync(app, company.AdminEmail);

        foreach (var path in new[] { "/login", $"/companies/{company.Id}", $"/companies/{company.Id}/trends", $"/companies/{company.Id}/users", $"/companies/{company.Id}/integrations/personio", $"/companies/{company.Id}/runs", $"/companies/{company.Id}/mail", "/account/two-factor", "/account/password" })
        {
            var html = await browser.HtmlAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
            Assert.DoesNotMatch("\\son[a-z]+=\"", html);
            Assert.DoesNotMatch("\\sstyle=\"", html);
            Assert.DoesNotContain("<style", html);
        }
    }

    [Fact]
    public async Task OversizedBodies_413_ForTheApiAndForms_LimitConfigurable()
    {
        await using var app = RollcallApp.Start(settings: new Dictionary<string, string?> { ["Access:MaxRequestBodySize"] = "65536" });
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);
        var big = new string('x', 70_000);

        var json = await api.PostAsync($"/api/companies/{company.Id}/users",
            new StringContent($$"""{"firstName":"{{big}}","lastName":"L","email":"big@example.com"}""", Encoding.UTF8, "application/json"));
        var form = await app.BrowserClient().PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = big, ["Password"] = "p" }));
        var small = await api.PostAsync($"/api/companies/{company.Id}/users",
            new StringContent("""{"firstName":"Small","lastName":"Body","email":"small@example.com"}""", Encoding.UTF8, "application/json"));

        var problem = await json.Content.ReadAsStringAsync();
        Assert.True(json.StatusCode == HttpStatusCode.RequestEntityTooLarge, problem);
        Assert.True(problem.Contains("\"code\":\"request_too_large\"", StringComparison.Ordinal) && problem.Contains("64 KiB", StringComparison.Ordinal), problem);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, form.StatusCode);
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
    }
}
