using System.Net;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Data.Sync;
using Rollcall.Tests.Approvals;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Undo;

/// <summary>
/// Undo a run: every user it changed goes back to their state before it, as a new run; users changed since are
/// refused with the reason, and runs that changed nothing cannot be undone.
/// </summary>
public sealed class UndoRunTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Undo_RestoresCreatedUpdatedAndDeactivatedUsers_WithdrawsTheUnsentInvitation(string provider)
    {
        var (s, ids) = await SyncScenario.StaffedAsync(4, provider);
        await using var _ = s;
        await MailTesting.DispatchAsync(s.App); // the first run's invitations: out of the way
        var newcomer = await s.HireAsync("Neu", "Ankunft", "neu@example.test", iban: SyncScenario.DefaultIban);
        await PaymentGuardTests.ChangeIbansAsync(s, ids.Take(1));
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[1]}", new { last_name = "Neuname" });
        await s.PersonioAsync(HttpMethod.Post, $"/{ids[2]}/terminate", new { termination_date = s.Today(-1) });
        var run = await s.SyncAsync();
        var before = await s.PersonioUsersAsync();

        var preview = await (await s.Api.PostAsync($"{s.Base}/runs/{run.Id}/undo/preview", null)).ReadJsonAsync(HttpStatusCode.OK);
        var undone = await (await s.Api.PostAsync($"{s.Base}/runs/{run.Id}/undo", null)).ReadJsonAsync(HttpStatusCode.OK);
        var dispatched = await MailTesting.DispatchAsync(s.App);
        var users = await s.PersonioUsersAsync();
        var invitation = (await s.MessagesAsync(MessageKind.Invitation)).Single(m => m.UserId == before.Single(u => u.PersonioEmployeeId == newcomer).Id);
        var undoRun = await s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == undone["id"]!.GetValue<Guid>()));
        var original = await s.App.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        var audit = await s.App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.CauseId == undoRun.Id.ToString()).ToListAsync());

        Assert.Equal((1, 2, 1), (run.Created, run.Updated, run.Deactivated));
        Assert.Equal(4, preview["restored"]!.AsArray().Count);
        Assert.Empty(preview["refused"]!.AsArray());
        Assert.DoesNotContain("WEST", preview.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal((SyncTrigger.Undo, run.Id, RunState.Succeeded), (undoRun.Trigger, undoRun.UndoOfRunId, undoRun.State));
        Assert.Equal(undoRun.Id, original.UndoneByRunId);
        Assert.Equal(SyncScenario.DefaultIban, s.App.Open(users.Single(u => u.PersonioEmployeeId == ids[0]).SealedIban));
        Assert.Equal("Nummer2", users.Single(u => u.PersonioEmployeeId == ids[1]).LastName);
        Assert.NotEqual(UserStatus.Deactivated, users.Single(u => u.PersonioEmployeeId == ids[2]).Status);
        Assert.Equal(UserStatus.Deactivated, users.Single(u => u.PersonioEmployeeId == newcomer).Status);
        Assert.Equal(MessageState.Cancelled, invitation.State);
        // Nothing of the withdrawn invitation leaves; what goes out are the notices of the IBAN put back.
        var sent = await s.App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.State == MessageState.Sent && m.Kind == MessageKind.Invitation && m.UserId == invitation.UserId).CountAsync());
        Assert.Equal(0, sent);
        Assert.True(dispatched.Sent >= 2, $"the IBAN restored: notices to the person and the admins ({dispatched.Sent} sent)");
        Assert.Equal(4, audit.Count);
        Assert.All(audit, a => Assert.StartsWith($"undo of run {run.Id.ToString()[..8]}", a.CauseName, StringComparison.Ordinal));
        Assert.Contains(await s.App.WithDbAsync(db => db.ConfigurationChanges.AsNoTracking().ToListAsync()), c => c.Action == "run.undone");
    }

    [Fact]
    public async Task UserChangedSince_RefusedWithTheReason_TheOthersStillUndone()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(3, "Sqlite");
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[0]}", new { last_name = "Erste" });
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[1]}", new { last_name = "Zweite" });
        var run = await s.SyncAsync();
        var changed = await s.UserOfAsync(ids[0]);
        await SyncScenario.AssertOkAsync(await s.Api.PatchJsonAsync($"/api/companies/{s.Company.Id}/users/{changed.Id}", new { role = "admin" }));

        var preview = await (await s.Api.PostAsync($"{s.Base}/runs/{run.Id}/undo/preview", null)).ReadJsonAsync(HttpStatusCode.OK);
        await (await s.Api.PostAsync($"{s.Base}/runs/{run.Id}/undo", null)).ReadJsonAsync(HttpStatusCode.OK);

        var refused = Assert.Single(preview["refused"]!.AsArray());
        Assert.Equal((changed.Id, "undo"), (refused!["userId"]!.GetValue<Guid>(), refused["reasonCode"]!.GetValue<string>()));
        Assert.Contains("Changed again since the run", refused["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(preview["restored"]!.AsArray());
        Assert.Equal("Erste", (await s.UserOfAsync(ids[0])).LastName);
        Assert.Equal("Nummer2", (await s.UserOfAsync(ids[1])).LastName);
    }

    [Fact]
    public async Task DryRunUndoRunAndSecondUndo_Refused()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(2, "Sqlite");
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[0]}", new { last_name = "Anders" });
        var preview = await s.SyncAsync(dryRun: true);
        var run = await s.SyncAsync();
        var quiet = await s.SyncAsync();

        var dry = await s.Api.PostAsync($"{s.Base}/runs/{preview.Id}/undo", null);
        var nothing = await s.Api.PostAsync($"{s.Base}/runs/{quiet.Id}/undo/preview", null);
        var undo = await (await s.Api.PostAsync($"{s.Base}/runs/{run.Id}/undo", null)).ReadJsonAsync(HttpStatusCode.OK);
        var twice = await s.Api.PostAsync($"{s.Base}/runs/{run.Id}/undo", null);
        var ofUndo = await s.Api.PostAsync($"{s.Base}/runs/{undo["id"]}/undo", null);
        var unknown = await s.Api.PostAsync($"{s.Base}/runs/{Guid.NewGuid()}/undo", null);

        Assert.Contains("preview changed nothing", await Detail(dry, HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains("applied no change", await Detail(nothing, HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains("already been undone", await Detail(twice, HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains("cannot be undone", await Detail(ofUndo, HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Nummer1", (await s.UserOfAsync(ids[0])).LastName);
    }

    [Fact]
    public async Task AnotherRunHoldsTheLease_UndoRefused_NothingChanged()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(2, "Sqlite");
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Patch, $"/{ids[0]}", new { last_name = "Anders" });
        var run = await s.SyncAsync();
        await s.App.WithDbAsync(db => db.PersonioIntegrations.Where(i => i.CompanyId == s.Company.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.LeaseOwner, "another run").SetProperty(i => i.LeaseUntil, new DateTime(2999, 1, 1, 0, 0, 0, DateTimeKind.Utc))));

        var busy = await s.Api.PostAsync($"{s.Base}/runs/{run.Id}/undo", null);

        Assert.Equal("run_in_progress", await busy.ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal("Anders", (await s.UserOfAsync(ids[0])).LastName);
    }

    private static async Task<string> Detail(HttpResponseMessage response, HttpStatusCode expected) =>
        (await response.ReadJsonAsync(expected))["detail"]!.GetValue<string>();
}
