using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Approvals;

/// <summary>The approval inbox over HTTP: held changes listed with their person and reason, decided one by one or all.</summary>
public sealed class ApprovalInboxTests
{
    [Fact]
    public async Task ApproveOne_RejectOne_ApproveAll_EachRecordedOnTheStepAndInTheConfigurationAudit()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(10, "Sqlite");
        await using var _ = s;
        await PaymentGuardTests.ChangeIbansAsync(s, ids.Take(6));
        var run = await s.SyncAsync();

        var inbox = (await (await s.Api.GetAsync(Inbox(s))).ReadJsonAsync(HttpStatusCode.OK)).AsArray();
        var first = inbox[0]!["stepId"]!.GetValue<long>();
        var second = inbox[1]!["stepId"]!.GetValue<long>();
        var approved = await (await s.Api.PostAsync($"{Inbox(s)}/{first}/approve", null)).ReadJsonAsync(HttpStatusCode.OK);
        var rejected = await (await s.Api.PostAsync($"{Inbox(s)}/{second}/reject", null)).ReadJsonAsync(HttpStatusCode.OK);
        var again = await s.Api.PostAsync($"{Inbox(s)}/{second}/approve", null);
        var left = (await (await s.Api.GetAsync(Inbox(s))).ReadJsonAsync(HttpStatusCode.OK)).AsArray();
        var all = await (await s.Api.PostAsync($"{Inbox(s)}/approve-all?runId={run.Id}", null)).ReadJsonAsync(HttpStatusCode.OK);
        var users = await s.PersonioUsersAsync();
        var after = await s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        var audit = await s.App.WithDbAsync(db => db.ConfigurationChanges.AsNoTracking().Where(c => c.CompanyId == s.Company.Id).ToListAsync());
        var steps = await s.StepsAsync(run.Id);

        Assert.Equal(6, inbox.Count);
        Assert.Equal(("paymentData", "person1@example.test", "payment_held"),
            (inbox[0]!["kind"]!.GetValue<string>(), inbox[0]!["email"]!.GetValue<string>(), inbox[0]!["reasonCode"]!.GetValue<string>()));
        Assert.Equal("iban", inbox[0]!["changes"]![0]!["field"]!.GetValue<string>());
        Assert.DoesNotContain("WEST1234", inbox.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(("applied", "dropped"), (approved["status"]!.GetValue<string>(), rejected["status"]!.GetValue<string>()));
        Assert.Equal("not_held", await again.ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal(4, left.Count);
        Assert.Equal((1, 4, 0), (all["runs"]!.GetValue<int>(), all["applied"]!.GetValue<int>(), all["dropped"]!.GetValue<int>()));
        Assert.Equal(5, users.Count(u => s.App.Open(u.SealedIban) == PaymentGuardTests.NewIban));
        Assert.Equal(SyncScenario.DefaultIban, s.App.Open(users[1].SealedIban)); // the rejected one
        Assert.Equal((RunState.Succeeded, 0), (after.State, after.Held));
        Assert.All(steps.Where(st => st.ReasonCode == "payment_held"), st => Assert.NotNull(st.DecidedAt));
        Assert.Equal(5, audit.Count(c => c.Action == "approval.approved"));
        Assert.Equal(1, audit.Count(c => c.Action == "approval.rejected"));
        Assert.All(audit, c => Assert.DoesNotContain("@", c.Subject ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UserChangedSinceTheRun_ApprovalRefused_StepDroppedWithTheReason()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(10, "Sqlite");
        await using var _ = s;
        await PaymentGuardTests.ChangeIbansAsync(s, ids.Take(6));
        await s.SyncAsync();
        var inbox = (await (await s.Api.GetAsync(Inbox(s))).ReadJsonAsync(HttpStatusCode.OK)).AsArray();
        var userId = inbox[0]!["userId"]!.GetValue<Guid>();
        await SyncScenario.AssertOkAsync(await s.Api.PatchJsonAsync($"/api/companies/{s.Company.Id}/users/{userId}", new { role = "admin" }));

        var decided = await (await s.Api.PostAsync($"{Inbox(s)}/{inbox[0]!["stepId"]}/approve", null)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(("dropped", "payment_held"), (decided["status"]!.GetValue<string>(), decided["reasonCode"]!.GetValue<string>()));
        Assert.Contains("changed since the run", decided["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(SyncScenario.DefaultIban, s.App.Open((await s.UserOfAsync(ids[0])).SealedIban));
    }

    [Fact]
    public async Task NewerRun_SupersedesHeldChanges_HoldsThemAgainEvenBelowTheThreshold_NothingAppliedTwice()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(10, "Sqlite");
        await using var _ = s;
        await PaymentGuardTests.ChangeIbansAsync(s, ids.Take(6));
        var first = await s.SyncAsync();
        await PaymentGuardTests.ChangeIbansAsync(s, ids.Take(3), SyncScenario.DefaultIban); // HR takes three of them back

        var second = await s.SyncAsync();
        var firstAfter = await s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == first.Id));
        var inbox = (await (await s.Api.GetAsync(Inbox(s))).ReadJsonAsync(HttpStatusCode.OK)).AsArray();
        await (await s.Api.PostAsync($"{Inbox(s)}/approve-all", null)).ReadJsonAsync(HttpStatusCode.OK);
        var ibanEntries = await s.App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.CompanyId == s.Company.Id).ToListAsync());

        Assert.Equal((RunState.Rejected, "superseded"), (firstAfter.State, firstAfter.Reason!.Code));
        Assert.All(await s.StepsAsync(first.Id), st => Assert.NotEqual(StepStatus.Held, st.Status));
        Assert.Equal((RunState.NeedsApproval, 3), (second.State, second.Held));
        Assert.Equal(3, inbox.Count);
        Assert.All(inbox, i => Assert.Equal(second.Id, i!["runId"]!.GetValue<Guid>()));
        Assert.Equal(3, (await s.PersonioUsersAsync()).Count(u => s.App.Open(u.SealedIban) == PaymentGuardTests.NewIban));
        Assert.Equal(3, ibanEntries.Count(a => a.Changes.Any(c => c.Field == "iban") && a.At >= first.StartedAt));
    }

    [Fact]
    public async Task HeldDeactivations_InTheInbox_RejectAllKeepsThemAndEndsTheRun()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(10, "Sqlite");
        await using var _ = s;
        var run = await s.HeldRunAsync(ids.Take(4));

        var inbox = (await (await s.Api.GetAsync(Inbox(s))).ReadJsonAsync(HttpStatusCode.OK)).AsArray();
        var rejected = await (await s.Api.PostAsync($"{Inbox(s)}/reject-all", null)).ReadJsonAsync(HttpStatusCode.OK);
        var after = await s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        var missing = await s.Api.PostAsync($"{Inbox(s)}/999999/approve", null);

        Assert.Equal(4, inbox.Count);
        Assert.All(inbox, i => Assert.Equal("deactivation", i!["kind"]!.GetValue<string>()));
        Assert.Equal((1, 0, 4), (rejected["runs"]!.GetValue<int>(), rejected["applied"]!.GetValue<int>(), rejected["dropped"]!.GetValue<int>()));
        Assert.Equal(RunState.Rejected, after.State);
        Assert.DoesNotContain(await s.PersonioUsersAsync(), u => u.Status == Rollcall.Data.Directory.UserStatus.Deactivated);
        Assert.Equal("not_found", await missing.ProblemCodeAsync(HttpStatusCode.NotFound));
    }

    private static string Inbox(SyncScenario s) => $"/api/companies/{s.Company.Id}/approvals";
}
