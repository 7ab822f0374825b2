using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data.Companies;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Endpoints;
using Rollcall.Sync;
using Rollcall.Tests.Infrastructure;
using Rollcall.Tests.Pages;

namespace Rollcall.Tests.Sync;

/// <summary>
/// The key that encrypted the stored Personio secret is gone (the key ring deleted, or its certificate no longer
/// configured): the integration needs new credentials and says why, nothing in the directory changes, nothing answers
/// 500, admins hear once, and new credentials connect it again.
/// </summary>
public sealed class LostKeyTests
{
    [Fact]
    public async Task KeyRingDeleted_IntegrationNeedsNewCredentials_NothingChanges_OneMail_NewCredentialsSyncAgain()
    {
        await using var smtp = SmtpSink.Start();
        await using var s = await SyncScenario.ConnectedAsync(smtp.Settings());
        await PageKit.SetLanguageAsync(s.App, s.Company.Id, CompanyLanguage.En);
        var ids = await s.HireManyAsync(3);
        Assert.Equal(3, (await s.SyncAsync()).Created);
        await MailTesting.DispatchAsync(s.App); // the invitations: out of the way
        var invitations = smtp.Messages.Count;
        await s.PersonioAsync(HttpMethod.Post, $"/{ids[0]}/terminate", new { termination_date = s.Today(-1) });
        await s.App.WithDbAsync(db => db.DataProtectionKeys.ExecuteDeleteAsync());
        var before = await s.DirectoryFootprintAsync();
        var runs = await s.App.WithDbAsync(db => db.SyncRuns.CountAsync());

        // Rollcall restarts on the same database: the key ring it finds is empty.
        await using var restarted = s.StartAnotherApp(smtp.Settings());
        var api = restarted.ApiClient(s.Company.ApiKey);
        var path = $"/companies/{s.Company.Id}/integrations/personio";
        var browser = await PageKit.LoggedInAsync(restarted, s.Company.AdminEmail);
        var page = await browser.HtmlAsync(path);
        var view = await (await api.GetAsync(s.Base)).ReadJsonAsync(HttpStatusCode.OK);
        var syncNow = await api.PostAsync($"{s.Base}/sync", null);
        var attributes = await api.GetAsync($"{s.Base}/attributes");
        var mapping = await api.PutAsJsonAsync($"{s.Base}/mapping", new { ibanAttribute = SyncScenario.IbanKey });
        var settings = await api.PatchAsJsonAsync($"{s.Base}/settings", new { nightlyAt = "03:30" });
        Outcome<SyncRun> nightly;
        await using (var scope = restarted.Services.CreateAsyncScope())
        {
            nightly = await scope.ServiceProvider.GetRequiredService<SyncEngine>().BeginAsync(s.Company.Id, SyncTrigger.Schedule, false, CancellationToken.None);
        }

        await browser.HtmlAsync(path);
        await MailTesting.DispatchAsync(restarted);
        await MailTesting.DispatchAsync(restarted);

        Assert.Contains("Rollcall can no longer read the stored secret; enter the credentials again.", page);
        Assert.Contains("needs new credentials", page);
        Assert.Contains("Replace credentials", page); // the form to enter them is there
        Assert.Equal("secretUnreadable", view["state"]!.GetValue<string>());
        Assert.Equal("secret_unreadable", await syncNow.ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal("secret_unreadable", await attributes.ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal("secret_unreadable", await mapping.ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Equal("secret_unreadable", nightly.Problem!.Extensions["code"]);
        Assert.Equal(runs, await restarted.WithDbAsync(db => db.SyncRuns.CountAsync())); // none began, none failed
        Assert.Equal((before.Users, before.Audit), ((await s.DirectoryFootprintAsync()).Users, (await s.DirectoryFootprintAsync()).Audit));
        Assert.All(await s.PersonioUsersAsync(), u => Assert.NotEqual(UserStatus.Deactivated, u.Status));
        var notification = Assert.Single(smtp.Messages.Skip(invitations));
        Assert.Equal(s.Company.AdminEmail, MailTesting.To(notification));
        Assert.Equal("Enter the Personio credentials again (Acme GmbH)", notification.Subject);
        Assert.Equal("secret_unreadable", Assert.Single(await s.MessagesAsync(MessageKind.AdminNotification)).Topic);

        var reconnect = await browser.PostAsync(path, "Connect", new Dictionary<string, string> { ["ClientId"] = s.Personio.ClientId, ["ClientSecret"] = s.Personio.Secret });
        var run = await PageKit.FinishedRunAsync(restarted, PageKit.RunIdOf(await browser.PostAsync(path, "Sync")));

        Assert.Equal(HttpStatusCode.Redirect, reconnect.StatusCode);
        Assert.Equal((RunState.Succeeded, 1), (run.State, run.Deactivated));
        Assert.Equal("connected", (await (await api.GetAsync(s.Base)).ReadJsonAsync(HttpStatusCode.OK))["state"]!.GetValue<string>());
        Assert.Equal(UserStatus.Deactivated, (await s.UserOfAsync(ids[0])).Status);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task RunQueuedBeforeTheKeyWasLost_FailsWithTheReason_NothingChangesAndNoException(string provider)
    {
        await using var s = await SyncScenario.ConnectedAsync(provider: provider);
        var ids = await s.HireManyAsync(2);
        Assert.Equal(2, (await s.SyncAsync()).Created);
        await s.PersonioAsync(HttpMethod.Post, $"/{ids[0]}/terminate", new { termination_date = s.Today(-1) });
        await using var scope = s.App.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<SyncEngine>();
        var begun = await engine.BeginAsync(s.Company.Id, SyncTrigger.Manual, false, CancellationToken.None);
        // The secret as another key ring encrypted it: this one has no key for it, as after the key ring was lost.
        var foreign = DataProtectionProvider.Create("another key ring").CreateProtector("Rollcall.Personio.ClientSecret.v1").Protect(s.Personio.Secret);
        await s.App.WithDbAsync(db => db.PersonioIntegrations.Where(i => i.CompanyId == s.Company.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.EncryptedSecret, foreign)));
        var before = await s.DirectoryFootprintAsync();

        var run = await engine.ExecuteAsync(begun.Value!.Id, null, CancellationToken.None);
        var again = await engine.BeginAsync(s.Company.Id, SyncTrigger.Schedule, false, CancellationToken.None);

        Assert.Equal((RunState.Failed, "secret_unreadable.run"), (run.State, run.Reason!.Key));
        Assert.Equal((before.Users, before.Audit), ((await s.DirectoryFootprintAsync()).Users, (await s.DirectoryFootprintAsync()).Audit));
        Assert.Equal(UserStatus.Invited, (await s.UserOfAsync(ids[0])).Status);
        var integration = await s.App.WithDbAsync(db => db.PersonioIntegrations.AsNoTracking().SingleAsync(i => i.CompanyId == s.Company.Id));
        Assert.Equal((IntegrationState.SecretUnreadable, s.Personio.ClientId), (integration.State, integration.ClientId));
        Assert.Null(integration.LeaseOwner);
        Assert.Equal("secret_unreadable", again.Problem!.Extensions["code"]);
        Assert.Equal("secret_unreadable", Assert.Single(await s.MessagesAsync(MessageKind.AdminNotification)).Topic);
    }
}
