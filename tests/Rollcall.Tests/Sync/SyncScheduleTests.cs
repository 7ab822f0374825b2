using System.Net;
using System.Net.Http.Json;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

public sealed class SyncScheduleTests
{
    [Fact]
    public async Task NightlyRun_ScheduledAtTheCompanysLocalTimeAndGoneOnDisconnect()
    {
        await using var sandbox = SandboxServer.Start();
        var personio = await sandbox.CreateCompanyAsync(3);
        await using var app = RollcallApp.Start(settings: new Dictionary<string, string?> { ["Personio:BaseUrl"] = sandbox.BaseUrl.ToString() });
        var company = await app.CreateCompanyAsync();
        var api = app.ApiClient(company.ApiKey);
        var path = $"/api/companies/{company.Id}/personio";

        var before = await (await api.GetAsync(path)).ReadJsonAsync(HttpStatusCode.OK);
        await SyncScenario.AssertOkAsync(await api.PutAsJsonAsync($"{path}/credentials", new { clientId = personio.ClientId, clientSecret = personio.Secret }));
        var settings = await (await api.PatchAsJsonAsync($"{path}/settings", new { nightlyAt = "03:30" })).ReadJsonAsync(HttpStatusCode.OK);
        var disconnected = await api.DeleteAsync(path);
        var after = await (await api.GetAsync(path)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("notConnected", before["state"]!.GetValue<string>());
        Assert.Null(before["nextRunAt"]);
        var next = settings["nextRunAt"]!.GetValue<DateTimeOffset>();
        var berlin = TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal((3, 30), (berlin.Hour, berlin.Minute));
        Assert.InRange(next - TimeProvider.System.GetUtcNow(), TimeSpan.Zero, TimeSpan.FromHours(24));
        Assert.Equal(HttpStatusCode.NoContent, disconnected.StatusCode);
        Assert.Equal("notConnected", after["state"]!.GetValue<string>());
        Assert.Null(after["nextRunAt"]);
        Assert.Null(after["clientId"]);
    }

    [Theory]
    [InlineData("25:00", "invalid_time")]
    [InlineData(null, "invalid_threshold")]
    public async Task Settings_BadValue_400WithCode(string? nightlyAt, string code)
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();

        var response = await app.ApiClient(company.ApiKey).PatchAsJsonAsync($"/api/companies/{company.Id}/personio/settings",
            nightlyAt is null ? new { guardPercent = (int?)150 } : (object)new { nightlyAt });

        Assert.Equal(code, await response.ProblemCodeAsync(HttpStatusCode.BadRequest));
    }
}
