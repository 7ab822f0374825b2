using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Companies;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Pages;

/// <summary>Integrations > Personio while connected: new credentials are checked before they replace the stored ones.</summary>
public sealed class ReplaceCredentialsPageTests
{
    private static async Task<(SyncScenario S, HttpClient Browser, string Path)> ConnectedAsync()
    {
        var s = await SyncScenario.StartAsync();
        await PageKit.SetLanguageAsync(s.App, s.Company.Id, CompanyLanguage.En);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        var browser = await PageKit.LoggedInAsync(s.App, s.Company.AdminEmail);
        return (s, browser, $"/companies/{s.Company.Id}/integrations/personio");
    }

    private static Dictionary<string, string> Credentials(string clientId, string secret) => new() { ["ClientId"] = clientId, ["ClientSecret"] = secret };

    private static Task<PersonioIntegration> IntegrationAsync(SyncScenario s) =>
        s.App.WithDbAsync(db => db.PersonioIntegrations.AsNoTracking().SingleAsync(i => i.CompanyId == s.Company.Id));

    private static async Task<SyncRun> SyncNowAsync(SyncScenario s, HttpClient browser, string path) =>
        await PageKit.FinishedRunAsync(s.App, PageKit.RunIdOf(await browser.PostAsync(path, "Sync")));

    [Fact]
    public async Task ReplaceCredentials_WrongOnes_ErrorShownOldOnesKeptAndSyncing()
    {
        var (s, browser, path) = await ConnectedAsync();
        await using var _ = s;
        var (newClientId, _) = await s.Sandbox.CreateCredentialAsync(s.Personio.Id);
        var before = await IntegrationAsync(s);
        await s.HireAsync("Lena", "Lang", "lena@example.test");

        var replace = await browser.PostAsync(path, "Connect", Credentials(newClientId, "wrong-secret-456"));
        var html = await replace.Content.ReadAsStringAsync();
        var after = await IntegrationAsync(s);
        var run = await SyncNowAsync(s, browser, path);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, replace.StatusCode);
        Assert.Contains("Personio rejected this Client ID and Client Secret", WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("wrong-secret-456", html);
        Assert.DoesNotContain(s.Personio.Secret, html);
        Assert.Contains($"<code>{s.Personio.ClientId}</code>", html); // the status still shows the stored credential
        Assert.Contains($"value=\"{newClientId}\"", html); // the attempted client id is kept in the form for a retry
        Assert.Equal((before.ClientId, before.EncryptedSecret, before.State, before.ConnectedAt, before.ConcurrencyStamp),
            (after.ClientId, after.EncryptedSecret, after.State, after.ConnectedAt, after.ConcurrencyStamp));
        Assert.Equal((RunState.Succeeded, 1), (run.State, run.Created));
        Assert.Equal("lena@example.test", Assert.Single(await s.PersonioUsersAsync()).Email);
    }

    [Fact]
    public async Task ReplaceCredentials_RightOnes_StoredSecretNeverShownAndSyncUsesThem()
    {
        var (s, browser, path) = await ConnectedAsync();
        await using var _ = s;
        var (newClientId, newSecret) = await s.Sandbox.CreateCredentialAsync(s.Personio.Id);
        var before = await IntegrationAsync(s);
        await s.HireAsync("Omar", "Ortiz", "omar@example.test");

        var replace = await browser.PostAsync(path, "Connect", Credentials(newClientId, newSecret));
        var after = await IntegrationAsync(s);
        var html = await browser.HtmlAsync(path);
        // With the old credential's secret regenerated in Personio, only the new credential can still read.
        await s.RegenerateSecretAsync();
        var run = await SyncNowAsync(s, browser, path);
        var afterRun = await IntegrationAsync(s);

        Assert.Equal(HttpStatusCode.Redirect, replace.StatusCode);
        Assert.Equal(path, replace.Headers.Location!.OriginalString);
        Assert.Equal(newClientId, after.ClientId);
        Assert.NotEqual(before.EncryptedSecret, after.EncryptedSecret);
        Assert.DoesNotContain(newSecret, after.EncryptedSecret ?? "");
        Assert.NotEqual(before.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Equal(IntegrationState.Connected, after.State);
        Assert.Equal((SyncScenario.IbanKey, SyncScenario.PersonnelKey, SyncScenario.CreditorKey),
            (after.IbanAttribute, after.PersonnelNumberAttribute, after.CreditorNumberAttribute)); // the mapping stays
        Assert.Contains("Connected to Personio.", html);
        Assert.Contains($"<code>{newClientId}</code>", html);
        Assert.DoesNotContain(newSecret, html);
        Assert.DoesNotContain(s.Personio.Secret, html);
        Assert.Equal((RunState.Succeeded, 1), (run.State, run.Created));
        Assert.Equal("omar@example.test", Assert.Single(await s.PersonioUsersAsync()).Email);
        Assert.Equal((IntegrationState.Connected, newClientId), (afterRun.State, afterRun.ClientId));
    }
}
