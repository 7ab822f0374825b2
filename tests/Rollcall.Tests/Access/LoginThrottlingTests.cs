using System.Net;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Access;

/// <summary>Sign-in attempts are limited per client address and overall, before any password is checked (429 with Retry-After).</summary>
public sealed class LoginThrottlingTests
{
    // An hour-long window: the attempts of a test fall into one window however slow the machine.
    private static Dictionary<string, string?> Limits(int perClient, int overall) => new()
    {
        ["Access:LoginAttemptsPerClient"] = perClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Access:LoginAttemptsOverall"] = overall.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Access:LoginAttemptWindow"] = "01:00:00",
    };

    [Fact]
    public async Task Login_EleventhAttemptFromOneAddress_429WithRetryAfter_AnotherAddressStillHeard()
    {
        await using var app = RollcallApp.Start(settings: Limits(10, 100), services: RemoteAddress.Install);
        var company = await app.CreateCompanyAsync();
        var attacker = From(app, "203.0.113.5");

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            first.Add((await attacker.LoginAsync($"guess-{i}@example.com", "wrong-password-123")).StatusCode);
        }

        var eleventh = await attacker.LoginAsync(company.AdminEmail, RollcallApp.Password);
        var colleague = await From(app, "203.0.113.6").LoginAsync(company.AdminEmail, RollcallApp.Password);

        Assert.All(first, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.True(eleventh.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Contains("Too many login attempts", await eleventh.Content.ReadAsStringAsync());
        Assert.DoesNotContain("rollcall.session=", string.Join(";", eleventh.Headers.TryGetValues("Set-Cookie", out var c) ? c : []));
        Assert.Equal(HttpStatusCode.Redirect, colleague.StatusCode);
    }

    [Fact]
    public async Task Login_OverallLimit_HoldsAcrossAddresses()
    {
        await using var app = RollcallApp.Start(settings: Limits(100, 5), services: RemoteAddress.Install);
        var company = await app.CreateCompanyAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await From(app, $"198.51.100.{i + 1}").LoginAsync($"guess-{i}@example.com", "wrong-password-123")).StatusCode);
        }

        var sixth = await From(app, "198.51.100.77").LoginAsync(company.AdminEmail, RollcallApp.Password);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
    }

    [Fact]
    public async Task TwoFactorCodes_CountAsAttempts()
    {
        await using var app = RollcallApp.Start(settings: Limits(4, 100), services: RemoteAddress.Install);
        var company = await app.CreateCompanyAsync();
        var key = await AccessKit.EnableTwoFactorAsync(app, company.AdminEmail);
        var browser = From(app, "203.0.113.9");
        Assert.Equal("/login/two-factor", (await browser.LoginAsync(company.AdminEmail, RollcallApp.Password)).Headers.Location!.OriginalString);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await browser.SubmitFormAsync("/login/two-factor",
                new Dictionary<string, string> { ["Code"] = Totp.WrongCode(key, TimeProvider.System.GetUtcNow()) })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    private static HttpClient From(RollcallApp app, string address)
    {
        var client = app.BrowserClient();
        client.DefaultRequestHeaders.Add(RemoteAddress.Header, address);
        return client;
    }
}
