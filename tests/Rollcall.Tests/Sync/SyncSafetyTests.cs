using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Personio;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>What peers get wrong: incomplete reads, mass changes, bad records, rejected credentials, rate limits.</summary>
public sealed class SyncSafetyTests
{
    private const string Iban = "DE89370400440532013000";

    private static async Task<(SyncScenario Scenario, List<long> Employees)> ConnectedWithAsync(int people, bool sandboxRateLimits = false)
    {
        var s = await SyncScenario.StartAsync(sandboxRateLimits);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        var ids = new List<long>();
        foreach (var i in Enumerable.Range(1, people))
        {
            ids.Add(await s.HireAsync($"Person{i}", $"Nummer{i}", email: $"person{i}@example.test", iban: Iban));
        }

        var first = await s.SyncAsync();
        Assert.Equal(people, first.Created);
        return (s, ids);
    }

    [Fact]
    public async Task CredentialsRegenerated_RunFailsIntegrationDisconnectedAdminToldNothingChanged()
    {
        var (s, ids) = await ConnectedWithAsync(3);
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Post, $"/{ids[0]}/terminate", new { termination_date = s.Today(-1) });
        await s.Sandbox.PostAsync($"/_sandbox/credentials/{s.Personio.ClientId}/regenerate-secret");
        var before = await s.DirectoryFootprintAsync();

        var run = await s.SyncAsync();
        await using var scope = s.App.Services.CreateAsyncScope();
        var again = await scope.ServiceProvider.GetRequiredService<Rollcall.Sync.SyncEngine>()
            .BeginAsync(s.Company.Id, SyncTrigger.Schedule, false, CancellationToken.None);
        var view = await (await s.Api.GetAsync(s.Base)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(RunState.Failed, run.State);
        Assert.Contains("rejected", run.Reason);
        Assert.Equal(before.Users, (await s.DirectoryFootprintAsync()).Users);
        Assert.All(await s.PersonioUsersAsync(), u => Assert.NotEqual(UserStatus.Deactivated, u.Status));
        Assert.Equal("credentialsRejected", view["state"]!.GetValue<string>());
        Assert.Equal("credentials_rejected", Assert.Single(await s.MessagesAsync(MessageKind.AdminNotification)).Topic);
        Assert.Equal("credentials_rejected", again.Problem!.Extensions["code"]);

        var reconnect = await s.ConnectAsync(secret: "papi-wrong");
        Assert.Equal("invalid_credentials", await reconnect.ProblemCodeAsync(HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task ServerErrorOnTheLastPage_NoDeactivationAtAllAndTheNextRunCompletes()
    {
        var (s, ids) = await ConnectedWithAsync(2);
        await using var _ = s;
        await s.Sandbox.PostAsync($"/_sandbox/companies/{s.Personio.Id}/employees", new { first_name = "Bulk", last_name = "Hire" });
        foreach (var i in Enumerable.Range(1, 150))
        {
            await s.HireAsync($"Filler{i}", "Extern", email: $"filler{i}@example.test", type: "external");
        }

        await s.PersonioAsync(HttpMethod.Post, $"/{ids[0]}/terminate", new { termination_date = s.Today(-1) });
        await s.Sandbox.ArmFaultAsync("server_error", page: 1, times: 0, statusCode: 503);

        var failed = await s.SyncAsync();
        var stillActive = await s.UserOfAsync(ids[0]);
        await s.Sandbox.SendAsync(HttpMethod.Delete, "/_sandbox/faults");
        var next = await s.SyncAsync();

        Assert.Equal(RunState.Failed, failed.State);
        Assert.Contains("page 2", failed.Reason);
        Assert.Equal(0, failed.Deactivated + failed.Created);
        Assert.Equal(UserStatus.Invited, stillActive.Status);
        Assert.Equal((RunState.Succeeded, 1, 1), (next.State, next.Deactivated, next.Created));
        Assert.Equal(UserStatus.Deactivated, (await s.UserOfAsync(ids[0])).Status);
    }

    [Fact]
    public async Task MassTermination_AboveThreshold_HeldUntilApprovedThenApplied()
    {
        var (s, ids) = await ConnectedWithAsync(10);
        await using var _ = s;
        foreach (var id in ids.Take(4))
        {
            await s.PersonioAsync(HttpMethod.Post, $"/{id}/terminate", new { termination_date = s.Today(-1) });
        }

        var held = await s.SyncAsync();
        var heldSteps = await s.StepsAsync(held.Id);
        var whileHeld = await s.PersonioUsersAsync();
        var approve = await s.Api.PostAsync($"{s.Base}/runs/{held.Id}/approve", null);
        var approved = await approve.ReadJsonAsync(HttpStatusCode.OK);
        var twice = await s.Api.PostAsync($"{s.Base}/runs/{held.Id}/approve", null);

        Assert.Equal((RunState.NeedsApproval, 4, 0), (held.State, held.Held, held.Deactivated));
        Assert.Equal(4, heldSteps.Count(st => st.Status == StepStatus.Held));
        Assert.DoesNotContain(whileHeld, u => u.Status == UserStatus.Deactivated);
        Assert.Equal("approval_needed", Assert.Single(await s.MessagesAsync(MessageKind.AdminNotification)).Topic);
        Assert.Equal(("succeeded", 4), (approved["state"]!.GetValue<string>(), approved["deactivated"]!.GetValue<int>()));
        Assert.Equal(4, (await s.PersonioUsersAsync()).Count(u => u.Status == UserStatus.Deactivated));
        Assert.Equal("not_waiting", await twice.ProblemCodeAsync(HttpStatusCode.Conflict));
        var audit = await s.App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.CompanyId == s.Company.Id && a.CauseName.Contains("approved by")).CountAsync());
        Assert.Equal(4, audit);
    }

    [Fact]
    public async Task MassTermination_Rejected_NobodyDeactivated()
    {
        var (s, ids) = await ConnectedWithAsync(5);
        await using var _ = s;
        foreach (var id in ids.Take(3))
        {
            await s.PersonioAsync(HttpMethod.Delete, $"/{id}");
        }

        var held = await s.SyncAsync();
        var reject = await (await s.Api.PostAsync($"{s.Base}/runs/{held.Id}/reject", null)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal((RunState.NeedsApproval, 3), (held.State, held.Held));
        Assert.Equal("rejected", reject["state"]!.GetValue<string>());
        Assert.DoesNotContain(await s.PersonioUsersAsync(), u => u.Status == UserStatus.Deactivated);
        Assert.All((await s.StepsAsync(held.Id)).Where(st => st.Kind == StepKind.Deactivate), st => Assert.Equal(StepStatus.Dropped, st.Status));
    }

    [Fact]
    public async Task BelowThreshold_TwoOfTen_AppliedWithoutApproval()
    {
        var (s, ids) = await ConnectedWithAsync(10);
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Delete, $"/{ids[0]}");
        await s.PersonioAsync(HttpMethod.Post, $"/{ids[1]}/terminate", new { termination_date = s.Today(-1) });

        var run = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 2, 0), (run.State, run.Deactivated, run.Held));
        Assert.Equal(["gone", "inactive"], (await s.StepsAsync(run.Id)).Where(st => st.Kind == StepKind.Deactivate).Select(st => st.ReasonCode).Order());
    }

    [Fact]
    public async Task SameEmailTwice_BothSkippedWithReasonOthersProceed()
    {
        await using var s = await SyncScenario.StartAsync();
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        var a = await s.HireAsync("Twin", "One", email: "twin@example.test");
        var b = await s.HireAsync("Twin", "Two", email: "TWIN@example.test");
        await s.HireAsync("Solo", "Person", email: "solo@example.test");

        var run = await s.SyncAsync();

        Assert.Equal((1, 2), (run.Created, run.Skipped));
        var skips = (await s.StepsAsync(run.Id)).Where(st => st.Kind == StepKind.Skip).ToList();
        Assert.Equal([a, b], skips.Select(st => st.PersonioEmployeeId!.Value).Order());
        Assert.All(skips, st => Assert.Equal("duplicate_email", st.ReasonCode));
        Assert.Single(await s.MessagesAsync(MessageKind.Invitation));
    }

    [Fact]
    public async Task InvalidIbanForAnExistingUser_PreviousIbanStaysWithAWarning()
    {
        var (s, ids) = await ConnectedWithAsync(2);
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Put, $"/{ids[0]}/attributes/{SyncScenario.IbanKey}", new { value = "DE89370400440532013001" });
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[0]}", new { last_name = "Neuname" });

        var run = await s.SyncAsync();

        var user = await s.UserOfAsync(ids[0]);
        Assert.Equal((Iban, "Neuname"), (user.Iban, user.LastName));
        Assert.Equal((RunState.Succeeded, 1, 1), (run.State, run.Updated, run.Warnings));
        var warning = (await s.StepsAsync(run.Id)).Single(st => st.Kind == StepKind.Warn);
        Assert.Equal("invalid_iban", warning.ReasonCode);
        Assert.DoesNotContain("DE89370400440532013001", warning.Reason);
    }

    [Fact]
    public async Task MappedAttributeNoLongerReadable_FieldsKeepValuesWarningAndOneNotification()
    {
        var (s, ids) = await ConnectedWithAsync(3);
        await using var _ = s;
        var (clientId, secret) = await s.Sandbox.CreateCredentialAsync(s.Personio.Id,
            readableAttributes: ["first_name", "last_name", "email", "status", "employment_type", SyncScenario.PersonnelKey, SyncScenario.CreditorKey]);
        await s.UseCredentialAsync(clientId, secret);

        var first = await s.SyncAsync();
        var second = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 0, 1), (first.State, first.Updated, first.Warnings));
        Assert.All(await s.PersonioUsersAsync(), u => Assert.Equal(Iban, u.Iban));
        var warning = Assert.Single(await s.StepsAsync(first.Id));
        Assert.Contains(SyncScenario.IbanKey, warning.Reason);
        Assert.Equal(1, second.Warnings);
        Assert.Equal("attributes_unreadable", Assert.Single(await s.MessagesAsync(MessageKind.AdminNotification)).Topic);
    }

    [Fact]
    public async Task RateLimitBurstsThroughoutARun_RunCompletes()
    {
        await using var s = await SyncScenario.StartAsync(sandboxRateLimits: true);
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        foreach (var i in Enumerable.Range(1, 250))
        {
            await s.HireAsync($"Busy{i}", "Bee", email: $"busy{i}@example.test");
        }

        foreach (var page in new[] { 0, 1, 2 })
        {
            await s.Sandbox.ArmFaultAsync("rate_limited", page: page, times: 1);
        }

        await s.Sandbox.ArmFaultAsync("rate_limited", path: "/v1/company/employees/attributes", times: 1);
        var run = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 250, 250), (run.State, run.Read, run.Created));
        Assert.Equal(250, (await s.MessagesAsync(MessageKind.Invitation)).Count);
    }

    [Fact]
    public async Task FailingTwiceInARow_AdminsToldOnce()
    {
        var (s, _) = await ConnectedWithAsync(1);
        await using var scenario = s;
        await s.Sandbox.ArmFaultAsync("malformed_json", page: 0, times: 0);

        var runs = new[] { await s.SyncAsync(), await s.SyncAsync(), await s.SyncAsync() };

        Assert.All(runs, r => Assert.Equal(RunState.Failed, r.State));
        Assert.Equal("runs_failing", Assert.Single(await s.MessagesAsync(MessageKind.AdminNotification)).Topic);
    }

    [Fact]
    public async Task ConcurrentRuns_SameCompany_SecondRefusedWhileTheFirstHoldsTheLease()
    {
        var (s, _) = await ConnectedWithAsync(1);
        await using var scenario = s;
        await using var scope = s.App.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<Rollcall.Sync.SyncEngine>();

        var first = await engine.BeginAsync(s.Company.Id, SyncTrigger.Manual, false, CancellationToken.None);
        var second = await s.Api.PostAsync($"{s.Base}/sync", null);
        await engine.ExecuteAsync(first.Value!.Id, null, CancellationToken.None);
        var third = await s.Api.PostAsync($"{s.Base}/sync?dryRun=true", null);

        Assert.Equal("run_in_progress", await second.ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
    }

    [Fact]
    public async Task CrashMidRun_LeaseLapses_NextRunMarksItInterruptedAndCompletes()
    {
        var (s, ids) = await ConnectedWithAsync(2);
        await using var _ = s;
        await s.HireAsync("Late", "Comer", email: "late@example.test");
        await using var scope = s.App.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<Rollcall.Sync.SyncEngine>();
        var crashed = await engine.BeginAsync(s.Company.Id, SyncTrigger.Schedule, false, CancellationToken.None);
        await s.App.WithDbAsync(db => db.PersonioIntegrations.Where(i => i.CompanyId == s.Company.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.LeaseUntil, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc))));

        var next = await s.SyncAsync();
        var old = await s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == crashed.Value!.Id));

        Assert.Equal((RunState.Failed, true), (old.State, old.Reason!.Contains("Interrupted")));
        Assert.Equal((RunState.Succeeded, 1), (next.State, next.Created));
        Assert.Equal(3, (await s.PersonioUsersAsync()).Count);
    }

    [Fact]
    public async Task HandMadeUser_SameEmailAfterFirstSync_NeverTouched()
    {
        var (s, _) = await ConnectedWithAsync(1);
        await using var scenario = s;
        var manual = await (await s.Api.PostAsJsonAsync($"/api/companies/{s.Company.Id}/users", new { firstName = "Hand", lastName = "Made", email = "hand@example.test" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        await s.HireAsync("Personio", "Person", email: "hand@example.test");

        var run = await s.SyncAsync();

        var user = await s.App.WithDbAsync(db => db.DirectoryUsers.AsNoTracking().SingleAsync(u => u.Id == Guid.Parse(manual["id"]!.GetValue<string>())));
        Assert.Equal((UserSource.Manual, "Made", (long?)null), (user.Source, user.LastName, user.PersonioEmployeeId));
        Assert.Equal("email_taken", (await s.StepsAsync(run.Id)).Single(st => st.Kind == StepKind.Skip).ReasonCode);
        Assert.DoesNotContain(await s.App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.UserId == user.Id).ToListAsync()),
            a => a.CauseKind == Rollcall.Data.Audit.ChangeCauseKind.SyncRun);
    }

    [Fact]
    public async Task RehireUnderANewId_SameEmail_UserMovesOverAndIsNeverDeactivated()
    {
        var (s, ids) = await ConnectedWithAsync(3);
        await using var _ = s;
        var old = await s.UserOfAsync(ids[0]);
        await s.PersonioAsync(HttpMethod.Post, $"/{ids[0]}/terminate", new { termination_date = s.Today(-1) });
        var rehired = await s.HireAsync("Person1", "Nummer1", email: old.Email, iban: Iban);

        var preview = await s.SyncAsync(dryRun: true);
        var run = await s.SyncAsync();

        var steps = await s.StepsAsync(run.Id);
        Assert.Equal((0, 1, 0), (run.Deactivated, run.Linked, run.Created));
        Assert.DoesNotContain(steps, st => st.Kind == StepKind.Deactivate);
        Assert.Equal((preview.Deactivated, preview.Linked), (run.Deactivated, run.Linked));
        var user = await s.UserOfAsync(rehired);
        Assert.Equal((old.Id, UserStatus.Invited), (user.Id, user.Status));
        Assert.Equal(3, (await s.MessagesAsync(MessageKind.Invitation)).Count);
    }

    [Fact]
    public async Task QueuedRunWhoseLeaseLapsed_DoesNothingOnceANewerRunTookOver()
    {
        var (s, _) = await ConnectedWithAsync(1);
        await using var scenario = s;
        await s.HireAsync("Late", "Comer", email: "late@example.test");
        await using var scope = s.App.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<Rollcall.Sync.SyncEngine>();
        var stale = await engine.BeginAsync(s.Company.Id, SyncTrigger.Manual, false, CancellationToken.None);
        await s.App.WithDbAsync(db => db.PersonioIntegrations.Where(i => i.CompanyId == s.Company.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.LeaseUntil, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
        var newer = await s.SyncAsync();

        await using var lateScope = s.App.Services.CreateAsyncScope();
        var late = await lateScope.ServiceProvider.GetRequiredService<Rollcall.Sync.SyncEngine>().ExecuteAsync(stale.Value!.Id, null, CancellationToken.None);

        Assert.Equal((RunState.Succeeded, 1), (newer.State, newer.Created));
        Assert.Equal(RunState.Failed, late.State);
        Assert.Equal(0, late.Read);
        Assert.Equal(2, (await s.PersonioUsersAsync()).Count);
    }

    [Fact]
    public async Task Preview_WithAnUnreadableMappedAttribute_WarnsButQueuesNothingAndStoresNothing()
    {
        var (s, _) = await ConnectedWithAsync(2);
        await using var _ = s;
        var (clientId, secret) = await s.Sandbox.CreateCredentialAsync(s.Personio.Id,
            readableAttributes: ["first_name", "last_name", "email", "status", "employment_type", SyncScenario.PersonnelKey, SyncScenario.CreditorKey]);
        await s.UseCredentialAsync(clientId, secret);

        var preview = await s.SyncAsync(dryRun: true);

        Assert.Equal((RunState.Previewed, 1), (preview.State, preview.Warnings));
        Assert.Empty(await s.MessagesAsync(MessageKind.AdminNotification));
        Assert.Null(await s.App.WithDbAsync(db => db.PersonioIntegrations.Where(i => i.CompanyId == s.Company.Id).Select(i => i.UnreadableAttributes).SingleAsync()));
    }

    [Fact]
    public async Task CredentialsRejectedWhileNewOnesWereSaved_NewCredentialsStand()
    {
        // The sandbox's real clock: the delay fault below must elapse.
        var (s, _) = await ConnectedWithAsync(2, sandboxRateLimits: true);
        await using var _ = s;
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
        Assert.Contains("new credentials were saved meanwhile", finished.Reason);
        Assert.Equal(("connected", newClientId), (view["state"]!.GetValue<string>(), view["clientId"]!.GetValue<string>()));
        Assert.Empty(await s.MessagesAsync(MessageKind.AdminNotification));
    }

    [Fact]
    public async Task RequiredAttributeNoLongerReadable_RunFailsNamingItAndChangesNothing()
    {
        var (s, ids) = await ConnectedWithAsync(3);
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Post, $"/{ids[0]}/terminate", new { termination_date = s.Today(-1) });
        var (clientId, secret) = await s.Sandbox.CreateCredentialAsync(s.Personio.Id,
            readableAttributes: ["first_name", "last_name", "status", "employment_type", SyncScenario.IbanKey]);
        await s.UseCredentialAsync(clientId, secret);
        var before = await s.DirectoryFootprintAsync();

        var run = await s.SyncAsync();

        Assert.Equal(RunState.Failed, run.State);
        Assert.Contains("email", run.Reason);
        Assert.Equal(before, await s.DirectoryFootprintAsync());
    }
}
