using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data.Access;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Access;

/// <summary>Sign-in steps over HTTP: two-factor enrolment through the page, codes, cookies as a thief would copy them.</summary>
internal static partial class AccessKit
{
    /// <summary>Enrols the signed-in account through the two-factor page; returns the shared key and the recovery codes shown once.</summary>
    public static async Task<(string Key, List<string> RecoveryCodes)> EnrolAsync(HttpClient browser)
    {
        var page = WebUtility.HtmlDecode(await (await browser.GetAsync("/account/two-factor")).Content.ReadAsStringAsync());
        var key = SharedKey().Match(page);
        Assert.True(key.Success, "No shared key on the two-factor page:\n" + page);
        var enabled = await browser.PostFormAsync("/account/two-factor?handler=Enable",
            new Dictionary<string, string> { ["Code"] = Totp.Code(key.Groups[1].Value, TimeProvider.System.GetUtcNow()) }, "/account/two-factor");
        var html = WebUtility.HtmlDecode(await enabled.Content.ReadAsStringAsync());
        Assert.True(enabled.StatusCode == HttpStatusCode.OK, html);
        return (key.Groups[1].Value, RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList());
    }

    /// <summary>Turns two-factor on for an account directly (for sign-in tests); its key.</summary>
    public static async Task<string> EnableTwoFactorAsync(RollcallApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = (await accounts.FindByEmailAsync(email))!;
        await accounts.ResetAuthenticatorKeyAsync(account);
        await accounts.SetTwoFactorEnabledAsync(account, true);
        return (await accounts.GetAuthenticatorKeyAsync(account))!;
    }

    /// <summary>The session cookie(s) a response set, as a Cookie header a copy of them would send.</summary>
    public static string SessionCookieOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("rollcall.session", StringComparison.Ordinal))
            .Select(c => c[..c.IndexOf(';', StringComparison.Ordinal)]));

    /// <summary>A GET with only the given cookie, as from another machine.</summary>
    public static Task<HttpResponseMessage> ReplayAsync(RollcallApp app, string path, string cookie)
    {
        var client = app.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    [GeneratedRegex("<code class=\"shared-key\">([a-z0-9 ]+)</code>")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><code>([A-Za-z0-9-]+)</code></li>")]
    private static partial Regex RecoveryCode();
}
