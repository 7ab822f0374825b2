using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Access;

public sealed class ApiKeyTests
{
    [Fact]
    public async Task IssueKey_ShownOnceWorksAndIsStoredOnlyAsHash()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);

        var issued = await (await api.PostAsJsonAsync($"/api/companies/{company.Id}/api-keys", new { name = "payroll export" })).ReadJsonAsync(HttpStatusCode.Created);
        var key = issued["key"]!.GetValue<string>();
        var me = await (await app.ApiClient(key).GetAsync("/api/me")).ReadJsonAsync(HttpStatusCode.OK);
        var listed = await (await api.GetAsync($"/api/companies/{company.Id}/api-keys")).Content.ReadAsStringAsync();

        Assert.Matches("^rk_[0-9a-f]{12}_[0-9a-f]{64}$", key);
        Assert.Equal(company.AdminEmail, me["name"]!.GetValue<string>());
        Assert.Equal(company.Id.ToString(), me["adminOf"]![0]!["id"]!.GetValue<string>());
        Assert.Contains("payroll export", listed);
        Assert.DoesNotContain(key.Split('_')[2], listed);
        var rows = await app.WithDbAsync(db => db.ApiKeys.AsNoTracking().ToListAsync());
        var row = Assert.Single(rows, r => r.Name == "payroll export");
        Assert.Equal(key.Split('_')[1], row.Prefix);
        Assert.DoesNotContain(key.Split('_')[2], string.Join("|", row.Id, row.Name, row.Prefix, row.Hash));
        Assert.Equal(64, row.Hash.Length);
    }

    [Fact]
    public async Task RevokeKey_RevokedKey_401()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);
        var issued = await (await api.PostAsJsonAsync($"/api/companies/{company.Id}/api-keys", new { name = "short-lived" })).ReadJsonAsync(HttpStatusCode.Created);
        var key = issued["key"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient(key).GetAsync("/api/me")).StatusCode);

        var revoke = await api.DeleteAsync($"/api/companies/{company.Id}/api-keys/{issued["apiKey"]!["id"]}");
        var after = await app.ApiClient(key).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory]
    [InlineData("Bearer rk_garbage")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData(null)]
    public async Task Me_WithoutValidKey_401ProblemWithChallenge(string? header)
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var client = app.ApiClient(null);
        if (header is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        }

        var response = await client.GetAsync("/api/me");

        Assert.Equal("unauthenticated", await response.ProblemCodeAsync(HttpStatusCode.Unauthorized));
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Me_WithTamperedSecret_401()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var tampered = company.ApiKey[..^1] + (company.ApiKey[^1] == '0' ? '1' : '0');

        var response = await app.ApiClient(tampered).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
