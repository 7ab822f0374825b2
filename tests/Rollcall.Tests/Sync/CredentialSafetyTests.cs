using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Data.Sync;
using Rollcall.Personio;
using Rollcall.Reasons;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>The stored credential rejected or no longer able to read what is mapped: the run changes nothing it cannot read, and admins are told once.</summary>
public sealed class CredentialSafetyTests
{
    private const string Iban = "DE89370400440532013000";

    /// <summary>What a credential reads besides the mapped attributes, so a test's warning is about the IBAN alone.</summary>
    private static readonly string[] BasicsAndOrg = ["first_name", "last_name", "email", "status", "employment_type", .. PersonioOrganisation.Attributes];

    [Fact]
    public async Task CredentialsRegenerated_RunFailsIntegrationDisconnectedAdminToldNothingChanged()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(3);
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Post, $"/{ids[0]}/terminate", new { termination_date = s.Today(-1) });
        await s.RegenerateSecretAsync();
        var before = await s.DirectoryFootprintAsync();

        var run = await s.SyncAsync();
        await using var scope = s.App.Services.CreateAsyncScope();
        var again = await scope.ServiceProvider.GetRequiredService<Rollcall.Sync.SyncEngine>()
            .BeginAsync(s.Company.Id, SyncTrigger.Schedule, false, CancellationToken.None);
        var view = await (await s.Api.GetAsync(s.Base)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(RunState.Failed, run.State);
        Assert.Equal("credentials_rejected.run", run.Reason!.Key);
        Assert.Equal(before.Users, (await s.DirectoryFootprintAsync()).Users);
        Assert.All(await s.PersonioUsersAsync(), u => Assert.NotEqual(UserStatus.Deactivated, u.Status));
        Assert.Equal("credentialsRejected", view["state"]!.GetValue<string>());
        Assert.Equal("credentials_rejected", Assert.Single(await s.MessagesAsync(MessageKind.AdminNotification)).Topic);
        Assert.Equal("credentials_rejected", again.Problem!.Extensions["code"]);

        var reconnect = await s.ConnectAsync(secret: "papi-wrong");
        Assert.Equal("invalid_credentials", await reconnect.ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task MappedAttributeNoLongerReadable_FieldsKeepValuesWarningAndOneNotification()
    {
        var (s, _) = await SyncScenario.StaffedAsync(3);
        await using var __ = s;
        await s.UseCredentialReadingAsync([.. BasicsAndOrg, SyncScenario.PersonnelKey, SyncScenario.CreditorKey]);

        var first = await s.SyncAsync();
        var second = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 0, 1), (first.State, first.Updated, first.Warnings));
        Assert.All(await s.PersonioUsersAsync(), u => Assert.Equal(Iban, s.App.Open(u.SealedIban)));
        var warning = Assert.Single(await s.StepsAsync(first.Id));
        Assert.Equal(new Reason("attribute_unreadable", SyncScenario.IbanKey), warning.Reason);
        Assert.Equal(1, second.Warnings);
        Assert.Equal("attributes_unreadable", Assert.Single(await s.MessagesAsync(MessageKind.AdminNotification)).Topic);
    }

    [Fact]
    public async Task Preview_WithAnUnreadableMappedAttribute_WarnsButQueuesNothingAndStoresNothing()
    {
        var (s, _) = await SyncScenario.StaffedAsync(2);
        await using var __ = s;
        await s.UseCredentialReadingAsync([.. BasicsAndOrg, SyncScenario.PersonnelKey, SyncScenario.CreditorKey]);

        var preview = await s.SyncAsync(dryRun: true);

        Assert.Equal((RunState.Previewed, 1), (preview.State, preview.Warnings));
        Assert.Empty(await s.MessagesAsync(MessageKind.AdminNotification));
        Assert.Null(await s.App.WithDbAsync(db => db.PersonioIntegrations.Where(i => i.CompanyId == s.Company.Id).Select(i => i.UnreadableAttributes).SingleAsync()));
    }

    [Fact]
    public async Task CredentialsRejectedWhileNewOnesWereSaved_NewCredentialsStand()
    {
        // The sandbox's real clock: the delay fault below must elapse.
        var (s, _) = await SyncScenario.StaffedAsync(2, sandboxRateLimits: true);
        await using var __ = s;
        var (newClientId, newSecret) = await s.Sandbox.CreateCredentialAsync(s.Personio.Id);
        await using var scope = s.App.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<Rollcall.Sync.SyncEngine>();
        var run = await engine.BeginAsync(s.Company.Id, SyncTrigger.Manual, false, CancellationToken.None);
        await s.Sandbox.ArmFaultAsync("delay", page: 0, delayMs: 4_000, path: "/v1/company/employees", times: 0);

        var running = engine.ExecuteAsync(run.Value!.Id, null, CancellationToken.None);
        await Task.Delay(500);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync(newClientId, newSecret));
        await s.Sandbox.PostAsync($"/_sandbox/credentials/{s.Personio.ClientId}/disable");
        var finished = await running;

        var view = await (await s.Api.GetAsync(s.Base)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(RunState.Failed, finished.State);
        Assert.Contains("new credentials were saved meanwhile", finished.Reason!.English());
        Assert.Equal(("connected", newClientId), (view["state"]!.GetValue<string>(), view["clientId"]!.GetValue<string>()));
        Assert.Empty(await s.MessagesAsync(MessageKind.AdminNotification));
    }

    [Fact]
    public async Task RequiredAttributeNoLongerReadable_RunFailsNamingItAndChangesNothing()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(3);
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Post, $"/{ids[0]}/terminate", new { termination_date = s.Today(-1) });
        await s.UseCredentialReadingAsync("first_name", "last_name", "status", "employment_type", SyncScenario.IbanKey);
        var before = await s.DirectoryFootprintAsync();

        var run = await s.SyncAsync();

        Assert.Equal(RunState.Failed, run.State);
        Assert.Contains("email", run.Reason!.English());
        Assert.Equal(before, await s.DirectoryFootprintAsync());
    }
}
