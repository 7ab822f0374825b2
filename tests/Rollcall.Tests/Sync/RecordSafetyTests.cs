using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Data.Sync;
using Rollcall.Reasons;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>Changes to people not applied as read: mass deactivations wait for approval; duplicate, invalid, hand-made or rehired records are skipped, kept or linked.</summary>
public sealed class RecordSafetyTests
{
    private const string Iban = "DE89370400440532013000";

    [Fact]
    public async Task MassTermination_AboveThreshold_HeldUntilApprovedThenApplied()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(10);
        await using var _ = s;

        var held = await s.HeldRunAsync(ids.Take(4));
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
        var (s, ids) = await SyncScenario.StaffedAsync(5);
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
        var (s, ids) = await SyncScenario.StaffedAsync(10);
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
        await using var s = await SyncScenario.ConnectedAsync();
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
        var (s, ids) = await SyncScenario.StaffedAsync(2);
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Put, $"/{ids[0]}/attributes/{SyncScenario.IbanKey}", new { value = "DE89370400440532013001" });
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[0]}", new { last_name = "Neuname" });

        var run = await s.SyncAsync();

        var user = await s.UserOfAsync(ids[0]);
        Assert.Equal((Iban, "Neuname"), (s.App.Open(user.SealedIban), user.LastName));
        Assert.Equal((RunState.Succeeded, 1, 1), (run.State, run.Updated, run.Warnings));
        var warning = (await s.StepsAsync(run.Id)).Single(st => st.Kind == StepKind.Warn);
        Assert.Equal("invalid_iban", warning.ReasonCode);
        Assert.DoesNotContain("DE89370400440532013001", warning.Reason!.ToJson());
    }

    [Fact]
    public async Task HandMadeUser_SameEmailAfterFirstSync_NeverTouched()
    {
        var (s, _) = await SyncScenario.StaffedAsync(1);
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
        var (s, ids) = await SyncScenario.StaffedAsync(3);
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
}
