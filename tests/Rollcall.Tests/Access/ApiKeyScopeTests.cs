using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Access;

/// <summary>API keys with a read-only scope and an expiry, and keys that keep working while their admin's password sign-in is locked out.</summary>
public sealed class ApiKeyScopeTests
{
    [Fact]
    public async Task ReadOnlyKey_ReadsEverything_EveryWriteIs403_NothingChanges()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var issued = await (await app.ApiClient(company.ApiKey).PostAsJsonAsync($"/api/companies/{company.Id}/api-keys",
            new { name = "reporting", readOnly = true })).ReadJsonAsync(HttpStatusCode.Created);
        var reader = app.ApiClient(issued["key"]!.GetValue<string>());

        var users = await reader.GetAsync($"/api/companies/{company.Id}/users");
        var runs = await reader.GetAsync($"/api/companies/{company.Id}/personio/runs");
        var create = await reader.PostAsJsonAsync($"/api/companies/{company.Id}/users",
            new { firstName = "Rita", lastName = "Reader", email = "rita@example.test", employmentType = "internal" });
        var rename = await reader.PutAsJsonAsync($"/api/companies/{company.Id}", new { name = "Renamed GmbH" });
        var newKey = await reader.PostAsJsonAsync($"/api/companies/{company.Id}/api-keys", new { name = "escalate" });
        var revokeItself = await reader.DeleteAsync($"/api/companies/{company.Id}/api-keys/{issued["apiKey"]!["id"]}");
        var sync = await reader.PostAsync($"/api/companies/{company.Id}/personio/sync", null);

        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Equal(HttpStatusCode.OK, runs.StatusCode);
        foreach (var write in new[] { create, rename, newKey, revokeItself, sync })
        {
            var problem = await write.ReadJsonAsync(HttpStatusCode.Forbidden);
            Assert.Equal("read_only_api_key", problem["code"]!.GetValue<string>());
        }

        var listed = await (await app.ApiClient(company.ApiKey).GetAsync($"/api/companies/{company.Id}/api-keys")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, listed.AsArray().Count); // the admin's key and the reader: no key issued by the reader
        Assert.True(listed.AsArray().Single(k => k!["name"]!.GetValue<string>() == "reporting")!["readOnly"]!.GetValue<bool>());
        Assert.Equal("Acme GmbH", (await (await reader.GetAsync($"/api/companies/{company.Id}")).ReadJsonAsync(HttpStatusCode.OK))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task KeyWithExpiry_WorksUntilThen_401After_AndExpiriesOutOfRangeAreRefused()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var app = RollcallApp.Start(clock: clock);
        var company = await app.CreateCompanyAsync();
        var admin = app.ApiClient(company.ApiKey);
        var url = $"/api/companies/{company.Id}/api-keys";

        var issued = await (await admin.PostAsJsonAsync(url, new { name = "a week", expiresAt = clock.GetUtcNow().AddDays(7) })).ReadJsonAsync(HttpStatusCode.Created);
        var key = app.ApiClient(issued["key"]!.GetValue<string>());
        var inTheWeek = await key.GetAsync("/api/me");
        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        var lastSecond = await key.GetAsync("/api/me");
        clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await key.GetAsync("/api/me");
        var past = await admin.PostAsJsonAsync(url, new { name = "past", expiresAt = clock.GetUtcNow().AddMinutes(-1) });
        var tooFar = await admin.PostAsJsonAsync(url, new { name = "forever and a day", expiresAt = clock.GetUtcNow().AddYears(4) });

        Assert.Equal(HttpStatusCode.OK, inTheWeek.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lastSecond.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("2026-03-08T09:00:00Z", issued["apiKey"]!["expiresAt"]!.GetValue<DateTime>().ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("invalid_expiry", (await past.ReadJsonAsync(HttpStatusCode.BadRequest))["code"]!.GetValue<string>());
        Assert.Equal("invalid_expiry", (await tooFar.ReadJsonAsync(HttpStatusCode.BadRequest))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task FiveBadPasswords_LockTheSignInOut_ButTheAdminsApiKeyKeepsWorking()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var browser = app.BrowserClient();

        for (var i = 0; i < 5; i++)
        {
            await browser.LoginAsync(company.AdminEmail, "wrong-password-" + i);
        }

        var rightPasswordNow = await browser.LoginAsync(company.AdminEmail, RollcallApp.Password);
        var lockedOut = await app.WithDbAsync(async db => (await db.Users.FindAsync(company.AdminAccountId))!.LockoutEnd);
        var withKey = await app.ApiClient(company.ApiKey).GetAsync($"/api/companies/{company.Id}/users");

        Assert.NotNull(lockedOut); // the interactive sign-in is locked out…
        Assert.NotEqual(HttpStatusCode.Redirect, rightPasswordNow.StatusCode); // …so even the right password is refused
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode); // while the key, a separate secret, still works
    }
}
