using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Resources;
using System.Text.RegularExpressions;
using Rollcall.Data.Companies;
using Rollcall.Pages.Localization;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Pages;

/// <summary>
/// German where the admin reads German: the account pages (no company there, so the culture cookie or the browser's
/// language), and reasons (problems, run and step reasons), rendered from their keys in the page's language.
/// </summary>
public sealed partial class LocalizationTests
{
    [Fact]
    public async Task Login_GermanBrowser_GermanTextsAndError_EnglishAfterSwitching()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var browser = German(app.BrowserClient());

        var page = await browser.HtmlAsync("/login");
        var wrong = await browser.LoginAsync(company.AdminEmail, "not-the-password");
        var wrongHtml = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
        var empty = await browser.LoginAsync("", "");
        var emptyHtml = WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync());
        var switched = await SwitchLanguageAsync(browser, "en", "/login");
        var english = await browser.HtmlAsync("/login");
        var wrongEnglish = WebUtility.HtmlDecode(await (await browser.LoginAsync(company.AdminEmail, "not-the-password")).Content.ReadAsStringAsync());

        Assert.Contains("<html lang=\"de\">", page);
        Assert.Contains("<h1>Anmelden</h1>", page);
        Assert.Contains(">Passwort <input", page);
        Assert.Contains("Sprache wechseln", page);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("E-Mail oder Passwort ist falsch.", wrongHtml);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Geben Sie E-Mail und Passwort ein.", emptyHtml);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("<html lang=\"en\">", english); // the cookie comes before the browser's German
        Assert.Contains("<h1>Log in</h1>", english);
        Assert.Contains("Wrong email or password.", wrongEnglish);
    }

    [Fact]
    public async Task ChangePassword_GermanBrowser_IdentityErrorsInGerman_EnglishAfterSwitching()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var browser = German(await PageKit.LoggedInAsync(app, company.AdminEmail));
        const string path = "/account/password";

        var page = await browser.HtmlAsync(path);
        var wrongCurrent = await ChangePasswordAsync(browser, "not-the-password", "a-long-enough-new-password");
        var tooShort = await ChangePasswordAsync(browser, RollcallApp.Password, "short");
        var empty = await ChangePasswordAsync(browser, "", "");
        await SwitchLanguageAsync(browser, "en", path);
        var english = await ChangePasswordAsync(browser, "not-the-password", "short");

        Assert.Contains("<h1>Wählen Sie Ihr Passwort</h1>", page);
        Assert.Contains("Aktuelles Passwort", page);
        Assert.Contains("Das aktuelle Passwort ist falsch.", wrongCurrent);
        Assert.DoesNotContain("Incorrect password", wrongCurrent);
        Assert.Contains("Das neue Passwort muss mindestens 12 Zeichen haben.", tooShort);
        Assert.Contains("Geben Sie Ihr aktuelles und ein neues Passwort ein.", empty);
        Assert.Contains("<h1>Choose your password</h1>", english);
        Assert.Contains("The current password is wrong.", english);
    }

    [Fact]
    public async Task ConnectErrors_GermanCompany_GermanProblems_EnglishAfterSwitching()
    {
        await using var s = await SyncScenario.StartAsync(); // companies are created German
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        var path = $"/companies/{s.Company.Id}/integrations/personio";
        var (noEmailId, noEmailSecret) = await s.Sandbox.CreateCredentialAsync(s.Personio.Id, ["first_name", "last_name", "status", "employment_type"]);
        var (noRightId, noRightSecret) = await s.Sandbox.CreateCredentialAsync(s.Personio.Id, scopes: ["personio:webhooks:read"]);

        var wrongSecret = await ConnectAsync(browser, path, s.Personio.ClientId, "wrong-secret-123");
        var noEmail = await ConnectAsync(browser, path, noEmailId, noEmailSecret);
        var noRight = await ConnectAsync(browser, path, noRightId, noRightSecret);
        await SwitchLanguageAsync(browser, "en", path);
        var english = await ConnectAsync(browser, path, s.Personio.ClientId, "wrong-secret-123");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongSecret.Status);
        Assert.Contains("Personio hat diese Client ID und dieses Client Secret abgelehnt.", wrongSecret.Error);
        Assert.Equal("Die Zugangsdaten können email nicht lesen. Fügen Sie diese Attribute in Personio den lesbaren Mitarbeiterattributen der Zugangsdaten hinzu.", noEmail.Error);
        Assert.Contains("Die Zugangsdaten sind gültig, dürfen aber keine Mitarbeitenden lesen.", noRight.Error);
        Assert.Contains("Personio rejected this Client ID and Client Secret.", english.Error);
    }

    [Fact]
    public async Task RunDetail_GermanCompany_StepAndRunReasonsInGerman_EnglishAfterSwitching()
    {
        await using var s = await SyncScenario.StartAsync();
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.HireAsync("Grete", "Gut", "grete@example.test");
        var twin = await s.HireAsync("Zoe", "Zwilling", "twins@example.test");
        var otherTwin = await s.HireAsync("Zara", "Zwilling", "twins@example.test");
        await s.HireAsync("Ida", "Iban", "ida@example.test", iban: "DE00123456789");
        var synced = await s.SyncAsync();
        await s.UseCredentialAsync(s.Personio.ClientId, "a-revoked-secret");
        var rejected = await s.SyncAsync();
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        var runs = $"/companies/{s.Company.Id}/runs";

        var steps = await browser.HtmlAsync($"{runs}/{synced.Id}");
        var failed = await browser.HtmlAsync($"{runs}/{rejected.Id}");
        var history = await browser.HtmlAsync(runs);
        await SwitchLanguageAsync(browser, "en", runs);
        var englishSteps = await browser.HtmlAsync($"{runs}/{synced.Id}");
        var englishFailed = await browser.HtmlAsync($"{runs}/{rejected.Id}");

        Assert.Contains(">erfolgreich<", steps);
        Assert.Contains("Neue aktive interne Mitarbeiterin bzw. neuer Mitarbeiter: eingeladen.", steps);
        Assert.Contains($"Die Personio-Mitarbeitenden {twin}, {otherTwin} haben dieselbe E-Mail; korrigieren Sie das in Personio.", steps);
        Assert.Contains("Die IBAN in Personio besteht die Prüfung nicht; nicht übernommen.", steps);
        Assert.DoesNotContain("New active internal employee", steps);
        Assert.Contains(">fehlgeschlagen<", failed);
        Assert.Contains("<dd>Personio hat die gespeicherten Zugangsdaten abgelehnt; die Verbindung ist getrennt und nichts wurde geändert.</dd>", failed);
        Assert.Contains(">fehlgeschlagen<", history);
        Assert.Contains("New active internal employee: invited.", englishSteps);
        Assert.Contains($"Personio employees {twin}, {otherTwin} share this email; fix it in Personio.", englishSteps);
        Assert.Contains("<dd>Personio rejected the stored credentials; the integration is disconnected and nothing was changed.</dd>", englishFailed);
    }

    [Fact]
    public async Task PersonioFailing_ConnectProblemAndRunReason_QuotedPersonioMessageTranslatedToo()
    {
        await using var s = await SyncScenario.StartAsync();
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        var path = $"/companies/{s.Company.Id}/integrations/personio";
        await s.Sandbox.ArmFaultAsync("server_error", times: 0); // until cleared: more than the retries

        var unreachable = await ConnectAsync(browser, path, s.Personio.ClientId, s.Personio.Secret);
        var failed = await s.SyncAsync();
        var reason = ReasonCell().Match(await browser.HtmlAsync($"/companies/{s.Company.Id}/runs/{failed.Id}"));

        Assert.Equal(HttpStatusCode.BadGateway, unreachable.Status);
        Assert.StartsWith("Personio konnte nicht abgefragt werden: Personio ", unreachable.Error);
        Assert.DoesNotMatch("asked|answered|failed|reached", unreachable.Error);
        Assert.True(reason.Success, "no reason shown");
        Assert.StartsWith("Personio ", reason.Groups[1].Value);
        Assert.EndsWith(" Nichts wurde geändert.", reason.Groups[1].Value);
        Assert.DoesNotMatch("answered|failed|reached|Nothing", reason.Groups[1].Value);
    }

    [Fact]
    public async Task AcceptInvitation_GermanCompany_PasswordErrorsInGerman_EmptyFieldsAnsweredToo()
    {
        await using var smtp = SmtpSink.Start();
        await using var app = RollcallApp.Start(settings: smtp.Settings());
        await MailTesting.CompanyWithUsersAsync(app, "lena@example.test");
        await MailTesting.DispatchAsync(app);
        var path = $"/invitation/{MailTesting.TokenOf(MailTesting.LinkIn(smtp.Messages.Single()))}";
        var browser = app.BrowserClient(); // no language of its own: the page follows the company

        var page = await browser.HtmlAsync(path);
        var differ = await AcceptAsync(browser, path, "a-long-enough-password", "a-long-enough-passwort");
        var tooShort = await AcceptAsync(browser, path, "short", "short");
        var empty = await AcceptAsync(browser, path, "", "");

        Assert.Contains("<h1>Willkommen bei Acme GmbH</h1>", page);
        Assert.Contains(">Passwort wiederholen <input", page);
        Assert.Equal(["Die beiden Passwörter stimmen nicht überein."], differ);
        Assert.Contains("Das neue Passwort muss mindestens 12 Zeichen haben.", tooShort);
        Assert.DoesNotContain(tooShort, e => e.StartsWith("Passwords must", StringComparison.Ordinal));
        Assert.Contains("Das neue Passwort muss mindestens 12 Zeichen haben.", empty);
    }

    [Fact]
    public async Task ResendInvitation_UserAlreadyActive_ProblemInGerman()
    {
        await using var app = RollcallApp.Start();
        var company = await app.CreateCompanyAsync();
        var member = await app.AddUserWithLoginAsync(company.Id, Rollcall.Data.Directory.UserRole.Member);
        var browser = await PageKit.LoggedInAsync(app, company.AdminEmail);

        var resent = await browser.PostAsync($"/companies/{company.Id}/users/{member.UserId}", "ResendInvitation");
        var html = WebUtility.HtmlDecode(await resent.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, resent.StatusCode);
        Assert.Contains("<p class=\"error\" role=\"alert\">Nur eingeladene Benutzer, die noch nicht angenommen haben, können erneut eingeladen werden.</p>", html);
    }

    /// <summary>The mail page's words for states, filters, hold reasons and invitations all have their German text (notifications name themselves in both).</summary>
    [Fact]
    public void MailLabels_EveryOneHasAGermanText()
    {
        var german = GermanKeys();
        var labels = Enum.GetValues<Rollcall.Mail.MailFilter>().Select(MailLabels.Of)
            .Concat(Enum.GetValues<Rollcall.Data.Outbox.MessageState>().SelectMany(s => new[] { MailLabels.Of(s, held: false), MailLabels.Of(s, held: true) }))
            .Concat(new[] { Rollcall.Data.Outbox.HoldReasons.DomainNotAllowed, Rollcall.Data.Outbox.HoldReasons.OverRunCap }.Select(MailLabels.OfHoldReason))
            .Append("Invitation");

        var missing = labels.Distinct().Where(l => !german.Contains(l)).ToList();
        Assert.True(missing.Count == 0, "No German text for:\n" + string.Join("\n", missing));
    }

    private static HashSet<string> GermanKeys() =>
        new ResourceManager("Rollcall.Resources.Pages.Localization.Texts", typeof(Texts).Assembly)
            .GetResourceSet(CultureInfo.GetCultureInfo("de"), createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>Posts the invitation form, which must be refused; the errors it shows.</summary>
    private static async Task<List<string>> AcceptAsync(HttpClient browser, string path, string password, string confirm)
    {
        var response = await browser.SubmitFormAsync(path, new Dictionary<string, string> { ["Password"] = password, ["ConfirmPassword"] = confirm });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}\n{html}");
        return ErrorParagraph().Matches(html).Select(m => m.Groups[1].Value).ToList();
    }

    private static HttpClient German(HttpClient browser)
    {
        browser.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("de"));
        return browser;
    }

    private static async Task<HttpResponseMessage> SwitchLanguageAsync(HttpClient browser, string culture, string from)
    {
        var page = await browser.GetAsync(from);
        var token = Token().Match(await page.Content.ReadAsStringAsync());
        Assert.True(token.Success, $"No antiforgery token on {from}");
        var switched = await browser.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = culture, ["returnUrl"] = from, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        return switched;
    }

    private static async Task<string> ChangePasswordAsync(HttpClient browser, string current, string next)
    {
        var response = await browser.SubmitFormAsync("/account/password", new Dictionary<string, string> { ["CurrentPassword"] = current, ["NewPassword"] = next });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, string Error)> ConnectAsync(HttpClient browser, string path, string clientId, string secret)
    {
        var response = await browser.PostAsync(path, "Connect", new Dictionary<string, string> { ["ClientId"] = clientId, ["ClientSecret"] = secret });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var error = ErrorParagraph().Match(html);
        Assert.True(error.Success, $"{(int)response.StatusCode}: no error shown\n{html}");
        return (response.StatusCode, error.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<p class=\"error\" role=\"alert\">([^<]*)</p>")]
    private static partial Regex ErrorParagraph();

    [GeneratedRegex("<dt>Grund</dt><dd>([^<]*)</dd>")]
    private static partial Regex ReasonCell();
}
