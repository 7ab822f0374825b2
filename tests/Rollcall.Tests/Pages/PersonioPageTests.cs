using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Companies;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Pages;

public sealed class PersonioPageTests
{
    private const string Iban = "DE89370400440532013000";

    private static async Task<(SyncScenario S, HttpClient Browser, string Path)> StartAsync()
    {
        var s = await SyncScenario.StartAsync();
        await PageKit.SetLanguageAsync(s.App, s.Company.Id, CompanyLanguage.En);
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        return (s, browser, $"/companies/{s.Company.Id}/integrations/personio");
    }

    private static Dictionary<string, string> Credentials(string clientId, string secret) => new() { ["ClientId"] = clientId, ["ClientSecret"] = secret };

    [Fact]
    public async Task Connect_WrongSecret_ShowsTheProblemAndSavesNothing()
    {
        var (s, browser, path) = await StartAsync();
        await using var _ = s;

        var response = await browser.PostAsync(path, "Connect", Credentials(s.Personio.ClientId, "wrong-secret-123"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Personio rejected this Client ID and Client Secret", WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("wrong-secret-123", html);
        Assert.Contains($"value=\"{s.Personio.ClientId}\"", html); // the client id is kept for a retry, the secret is not
        Assert.False(await s.App.WithDbAsync(db => db.PersonioIntegrations.AnyAsync(i => i.CompanyId == s.Company.Id)));
    }

    [Fact]
    public async Task Connect_RightCredentials_ConnectedStateAndNeverTheSecret()
    {
        var (s, browser, path) = await StartAsync();
        await using var _ = s;

        var connect = await browser.PostAsync(path, "Connect", Credentials(s.Personio.ClientId, s.Personio.Secret));
        var html = await browser.HtmlAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, connect.StatusCode);
        Assert.DoesNotContain(s.Personio.Secret, connect.Headers.Location!.OriginalString);
        Assert.Contains("Connected to Personio.", html);
        Assert.Contains("connected", html);
        Assert.Contains(s.Personio.ClientId, html);
        Assert.Contains("Sync now", html);
        Assert.Contains("Replace credentials", html);
        Assert.DoesNotContain(s.Personio.Secret, html);
        Assert.Equal(IntegrationState.Connected, await s.App.WithDbAsync(db => db.PersonioIntegrations.Where(i => i.CompanyId == s.Company.Id).Select(i => i.State).SingleAsync()));
    }

    [Fact]
    public async Task Mapping_DropdownsListTheSandboxAttributes_AndSaving()
    {
        var (s, browser, path) = await StartAsync();
        await using var _ = s;
        await browser.PostAsync(path, "Connect", Credentials(s.Personio.ClientId, s.Personio.Secret));

        var before = await browser.HtmlAsync(path);
        var save = await browser.PostAsync(path, "Map", new Dictionary<string, string>
        {
            ["Mapping.IbanAttribute"] = SyncScenario.IbanKey,
            ["Mapping.PersonnelNumberAttribute"] = SyncScenario.PersonnelKey,
            ["Mapping.CreditorNumberAttribute"] = "",
        });
        var integration = await s.App.WithDbAsync(db => db.PersonioIntegrations.AsNoTracking().SingleAsync(i => i.CompanyId == s.Company.Id));
        var after = await browser.HtmlAsync(path);

        foreach (var key in new[] { SyncScenario.IbanKey, SyncScenario.PersonnelKey, SyncScenario.CreditorKey })
        {
            Assert.Contains($"<option value=\"{key}\"", before);
        }

        Assert.Contains("not mapped", before);
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Equal((SyncScenario.IbanKey, SyncScenario.PersonnelKey, (string?)null), (integration.IbanAttribute, integration.PersonnelNumberAttribute, integration.CreditorNumberAttribute));
        Assert.Contains($"<option value=\"{SyncScenario.IbanKey}\" selected=\"selected\"", after);
    }

    [Fact]
    public async Task Mapping_UnreadableAttribute_HintNamesIt()
    {
        var (s, browser, path) = await StartAsync();
        await using var _ = s;
        var (clientId, secret) = await s.Sandbox.CreateCredentialAsync(s.Personio.Id, ["first_name", "last_name", "email", "status", "employment_type", SyncScenario.IbanKey]);
        await browser.PostAsync(path, "Connect", Credentials(clientId, secret));

        var save = await browser.PostAsync(path, "Map", new Dictionary<string, string> { ["Mapping.CreditorNumberAttribute"] = SyncScenario.CreditorKey });
        var html = WebUtility.HtmlDecode(await save.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, save.StatusCode);
        Assert.Contains(SyncScenario.CreditorKey, html);
        Assert.Contains("Make them readable in Personio", html);
    }

    [Fact]
    public async Task Settings_SavedAndInvalidOnesRefused()
    {
        var (s, browser, path) = await StartAsync();
        await using var _ = s;
        await browser.PostAsync(path, "Connect", Credentials(s.Personio.ClientId, s.Personio.Secret));

        var saved = await browser.PostAsync(path, "Settings", new Dictionary<string, string>
        {
            ["Settings.NightlyAt"] = "03:30", ["Settings.GuardPercent"] = "25", ["Settings.GuardMinimum"] = "5", ["Settings.LeavePolicy"] = "Deactivate",
        });
        var invalid = await browser.PostAsync(path, "Settings", new Dictionary<string, string> { ["Settings.GuardPercent"] = "150" });
        var integration = await s.App.WithDbAsync(db => db.PersonioIntegrations.AsNoTracking().SingleAsync(i => i.CompanyId == s.Company.Id));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("guardPercent must be 0 to 100", await invalid.Content.ReadAsStringAsync());
        Assert.Equal((new TimeOnly(3, 30), 25, 5, LeavePolicy.Deactivate), (integration.NightlyAt, integration.GuardPercent, integration.GuardMinimum, integration.LeavePolicy));
    }

    [Fact]
    public async Task PreviewAndSyncNow_RunsInHistory_DetailShowsSteps()
    {
        var (s, browser, path) = await StartAsync();
        await using var _ = s;
        await s.HireAsync("Lena", "Lang", "lena@example.test", iban: Iban);
        await s.HireAsync("Omar", "Ortiz", "omar@example.test");
        await browser.PostAsync(path, "Connect", Credentials(s.Personio.ClientId, s.Personio.Secret));
        await browser.PostAsync(path, "Map", new Dictionary<string, string> { ["Mapping.IbanAttribute"] = SyncScenario.IbanKey });

        var previewId = PageKit.RunIdOf(await browser.PostAsync(path, "Preview"));
        var preview = await PageKit.FinishedRunAsync(s.App, previewId);
        var previewHtml = await browser.HtmlAsync($"/companies/{s.Company.Id}/runs/{previewId}");
        var syncId = PageKit.RunIdOf(await browser.PostAsync(path, "Sync"));
        var sync = await PageKit.FinishedRunAsync(s.App, syncId);
        var syncHtml = await browser.HtmlAsync($"/companies/{s.Company.Id}/runs/{syncId}");
        var onlyCreates = await browser.HtmlAsync($"/companies/{s.Company.Id}/runs/{syncId}?kind=update");
        var history = await browser.HtmlAsync($"/companies/{s.Company.Id}/runs");
        var integrationPage = await browser.HtmlAsync(path);

        Assert.Equal((RunState.Previewed, 2), (preview.State, preview.Created));
        Assert.Contains("Planned changes", previewHtml);
        Assert.Contains("lena@example.test", previewHtml);
        Assert.Contains("planned", previewHtml);
        Assert.Equal((RunState.Succeeded, 2), (sync.State, sync.Created));
        Assert.Contains("omar@example.test", syncHtml);
        Assert.Contains("applied", syncHtml);
        Assert.Contains("DE89 •••• •••• •••• 3000", syncHtml);
        Assert.DoesNotContain(Iban, syncHtml);
        Assert.Contains("No steps.", onlyCreates);
        Assert.Contains(previewId.ToString(), history);
        Assert.Contains(syncId.ToString(), history);
        Assert.Contains("(Preview)", history);
        Assert.Contains(syncId.ToString(), integrationPage); // the last (non-preview) run
    }

    [Fact]
    public async Task HeldRun_ApproveOnThePage_AppliesTheDeactivations()
    {
        var (s, browser, _) = await StartAsync();
        await using var __ = s;
        var ids = await s.StaffAsync(5, iban: null);
        var held = await s.HeldRunAsync(ids.Take(3));
        var runPath = $"/companies/{s.Company.Id}/runs/{held.Id}";
        var heldHtml = await browser.HtmlAsync(runPath);
        var approve = await browser.PostAsync(runPath, "Approve");
        var approved = await PageKit.FinishedRunAsync(s.App, held.Id);
        var approvedHtml = await browser.HtmlAsync(runPath);

        Assert.Equal(RunState.NeedsApproval, held.State);
        Assert.Contains("Approve deactivations", heldHtml);
        Assert.Contains("Held", heldHtml);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Equal((RunState.Succeeded, 3), (approved.State, approved.Deactivated));
        Assert.DoesNotContain("Approve deactivations", approvedHtml);
        Assert.Contains("Approved by", approvedHtml);
    }

    [Fact]
    public async Task RejectedCredentials_BannerSaysWhatToDo()
    {
        var (s, browser, path) = await StartAsync();
        await using var _ = s;
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.RegenerateSecretAsync();
        await s.SyncAsync();

        var html = await browser.HtmlAsync(path);

        Assert.Contains("Personio rejected the stored credentials.", html);
        Assert.Contains("Syncing has stopped until you enter new credentials", html);
        Assert.DoesNotContain(">Sync now<", html);
    }
}
