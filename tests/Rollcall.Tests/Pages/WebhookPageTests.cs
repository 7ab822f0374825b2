using System.Net;
using System.Text.RegularExpressions;
using Rollcall.Data.Companies;
using Rollcall.Tests.Infrastructure;
using Rollcall.Tests.Webhooks;

namespace Rollcall.Tests.Pages;

/// <summary>The Webhooks section of Integrations > Personio: the token shown once, its state, revoking only when confirmed.</summary>
public sealed partial class WebhookPageTests
{
    [Fact]
    public async Task IssueRotateRevoke_TokenShownOnceThenWorks_RevokeNeedsTheTick()
    {
        await using var s = await SyncScenario.ConnectedAsync();
        await PageKit.SetLanguageAsync(s.App, s.Company.Id, CompanyLanguage.En);
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        var path = $"/companies/{s.Company.Id}/integrations/personio";

        var before = WebUtility.HtmlDecode(await browser.HtmlAsync(path));
        var issued = await browser.PostAsync(path, "IssueToken");
        var issuedHtml = WebUtility.HtmlDecode(await issued.Content.ReadAsStringAsync());
        var token = Token().Match(issuedHtml).Groups[1].Value;
        var delivered = await WebhookKit.DeliverAsync(s.App.ApiClient(null), s.Company.Id.ToString(), token, WebhookKit.Envelope("person.created", 5));
        var after = WebUtility.HtmlDecode(await browser.HtmlAsync(path));
        var unconfirmed = await browser.PostAsync(path, "RevokeToken");
        var stillAccepted = await WebhookKit.DeliverAsync(s.App.ApiClient(null), s.Company.Id.ToString(), token, WebhookKit.Envelope("person.created", 6));
        var revoked = await browser.PostAsync(path, "RevokeToken", new Dictionary<string, string> { ["ConfirmRevoke"] = "true" });
        var refused = await WebhookKit.DeliverAsync(s.App.ApiClient(null), s.Company.Id.ToString(), token, WebhookKit.Envelope("person.created", 7));

        Assert.Contains("off (no token issued)", before);
        Assert.Contains("Issue token", before);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.StartsWith("Bearer ", token);
        Assert.Contains("no-store", issued.Headers.CacheControl?.ToString());
        Assert.Contains("to be set up by hand in Personio", issuedHtml);
        Assert.Contains($"http://localhost:5000/hooks/personio/{s.Company.Id}", issuedHtml);
        Assert.Contains("Personio delivers webhooks to https addresses only", issuedHtml);
        Assert.Equal(HttpStatusCode.Accepted, delivered.StatusCode);
        Assert.DoesNotContain(token["Bearer ".Length..], after);
        Assert.Contains("Rotate token", after);
        Assert.Matches(@"Last event</dt>\s*<dd>\d{4}-\d\d-\d\d \d\d:\d\d \(Europe/Berlin\)", after);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, stillAccepted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task WebhookSection_GermanCompany_InGerman()
    {
        await using var s = await SyncScenario.ConnectedAsync(); // companies are created German
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        var path = $"/companies/{s.Company.Id}/integrations/personio";

        var issued = WebUtility.HtmlDecode(await (await browser.PostAsync(path, "IssueToken")).Content.ReadAsStringAsync());

        Assert.Contains("Das neue Token, nur jetzt angezeigt:", issued);
        Assert.Contains("in Personio von Hand einzurichten", issued);
        Assert.Contains("Token erneuern", issued);
        Assert.Contains("Personio liefert Webhooks nur an https-Adressen", issued);
    }

    [GeneratedRegex("<code data-webhook-token>([^<]+)</code>")]
    private static partial Regex Token();
}
