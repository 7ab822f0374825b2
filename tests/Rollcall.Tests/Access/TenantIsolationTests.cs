using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data.Directory;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Access;

/// <summary>
/// Every company-scoped endpoint, found from the app's own routing table so a new endpoint cannot be forgotten:
/// anonymous 401, a member 403, an admin of another company 404, the company's admin let through.
/// </summary>
public sealed class TenantIsolationTests
{
    private static List<(string Method, RoutePattern Pattern)> CompanyApiEndpoints(RollcallApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && e.RoutePattern.GetParameter("companyId") is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern)))
            .ToList();

    private static string PathFor(RoutePattern pattern, Guid companyId, Guid userId) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { Name: "companyId" } => companyId.ToString(),
            RoutePatternParameterPart { Name: "userId" } => userId.ToString(),
            RoutePatternParameterPart { Name: "personioId" or "stepId" } => "1",
            RoutePatternParameterPart => Guid.NewGuid().ToString(),
            _ => throw new InvalidOperationException($"Unexpected route part in {pattern.RawText}"),
        }))));

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = method is "POST" or "PUT" or "PATCH" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null };

    [Fact]
    public async Task CompanyApiEndpoints_EachCaller_GetsTheRightAnswer()
    {
        await using var app = RollcallApp.Start();
        var acme = await app.CreateCompanyAsync("Acme");
        var globex = await app.CreateCompanyAsync("Globex");
        var member = await app.AddUserWithLoginAsync(acme.Id, UserRole.Member);
        var target = await app.AddUserWithLoginAsync(acme.Id, UserRole.Member);
        var endpoints = CompanyApiEndpoints(app);
        var callers = new (string Who, HttpClient Client, HttpStatusCode Expected)[]
        {
            ("anonymous", app.ApiClient(null), HttpStatusCode.Unauthorized),
            ("bad key", app.ApiClient("rk_000000000000_" + new string('0', 64)), HttpStatusCode.Unauthorized),
            ("member", app.ApiClient(member.ApiKey), HttpStatusCode.Forbidden),
            ("other company's admin", app.ApiClient(globex.ApiKey), HttpStatusCode.NotFound),
        };

        Assert.True(endpoints.Count >= 13, $"Only {endpoints.Count} company endpoints found");
        var wrong = new List<string>();
        foreach (var (method, pattern) in endpoints)
        {
            var path = PathFor(pattern, acme.Id, target.UserId);
            foreach (var (who, client, expected) in callers)
            {
                var response = await client.SendAsync(Request(method, path));
                if (response.StatusCode != expected)
                {
                    wrong.Add($"{method} {pattern.RawText} as {who}: {(int)response.StatusCode}, expected {(int)expected}");
                }
            }

            var own = await app.ApiClient(acme.ApiKey).SendAsync(Request(method, path));
            if (own.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                wrong.Add($"{method} {pattern.RawText} as the company's admin: {(int)own.StatusCode}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task ApiKey_AdminOfTwoCompanies_KeyWorksOnlyInItsOwnCompany()
    {
        await using var app = RollcallApp.Start();
        var acme = await app.CreateCompanyAsync("Acme");
        var globex = await app.CreateCompanyAsync("Globex", adminEmail: acme.AdminEmail);

        var own = await app.ApiClient(acme.ApiKey).GetAsync($"/api/companies/{acme.Id}/users");
        var other = await app.ApiClient(acme.ApiKey).GetAsync($"/api/companies/{globex.Id}/users");
        var globexOwn = await app.ApiClient(globex.ApiKey).GetAsync($"/api/companies/{globex.Id}/users");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, globexOwn.StatusCode);
    }

    [Fact]
    public async Task CompanyPages_EachCaller_GetsTheRightAnswer()
    {
        await using var app = RollcallApp.Start();
        var acme = await app.CreateCompanyAsync("Acme");
        var globex = await app.CreateCompanyAsync("Globex");
        var member = await app.AddUserWithLoginAsync(acme.Id, UserRole.Member);
        var path = $"/companies/{acme.Id}/users";
        var memberBrowser = app.BrowserClient();
        await memberBrowser.LoginAsync(member.Email, RollcallApp.Password);
        var otherAdmin = app.BrowserClient();
        await otherAdmin.LoginAsync(globex.AdminEmail, RollcallApp.Password);
        var admin = app.BrowserClient();
        await admin.LoginAsync(acme.AdminEmail, RollcallApp.Password);

        var anonymous = await app.BrowserClient().GetAsync(path);
        var asMember = await memberBrowser.GetAsync(path);
        var asOtherAdmin = await otherAdmin.GetAsync(path);
        var asAdmin = await admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("https://localhost/login", anonymous.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asOtherAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Contains(acme.AdminEmail, await asAdmin.Content.ReadAsStringAsync());
    }
}
