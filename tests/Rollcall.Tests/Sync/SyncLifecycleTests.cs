using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Data.Personio;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Sync;

/// <summary>Day-by-day scenarios of an employee's life in Personio and what the directory makes of it.</summary>
public sealed class SyncLifecycleTests
{
    private const string Iban = "DE89370400440532013000";

    [Fact]
    public async Task FirstSync_ExistingUsers_LinkedByEmailOthersCreatedAndInvitedOnce()
    {
        await using var s = await SyncScenario.StartAsync();
        var existing = await (await s.Api.PostAsJsonAsync($"/api/companies/{s.Company.Id}/users", new { firstName = "Greta", lastName = "Lindqvist", email = "greta@example.test" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var greta = await s.HireAsync("Greta", "Lindqvist", email: "GRETA@Example.test", iban: "de89 3704 0044 0532 0130 00", personnel: "P-1", creditor: "K-1");
        var jonas = await s.HireAsync("Jonas", "Brandt", email: "jonas@example.test");
        await s.HireAsync("Eve", "Extern", email: "eve@example.test", type: "external");
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());

        var run = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 3, 1, 1, 1), (run.State, run.Read, run.Created, run.Linked, run.Skipped));
        var users = await s.PersonioUsersAsync();
        Assert.Equal([greta, jonas], users.Select(u => u.PersonioEmployeeId!.Value));
        var linked = users.Single(u => u.PersonioEmployeeId == greta);
        Assert.Equal(existing["id"]!.GetValue<string>(), linked.Id.ToString());
        Assert.Equal((Iban, "P-1", "K-1", "greta@example.test"), (s.App.Open(linked.SealedIban), s.App.Open(linked.SealedPersonnelNumber), s.App.Open(linked.SealedCreditorNumber), linked.Email));
        var invitations = await s.MessagesAsync(MessageKind.Invitation);
        // Greta was invited when the admin created her by hand; the run invites only the person it created.
        Assert.Equal([users.Single(u => u.PersonioEmployeeId == jonas).Id], invitations.Where(m => m.RunId == run.Id).Select(m => m.UserId!.Value));
        Assert.Equal([linked.Id], invitations.Where(m => m.RunId is null).Select(m => m.UserId!.Value));
        Assert.Equal(UserStatus.Invited, users.Single(u => u.PersonioEmployeeId == jonas).Status);
        var steps = await s.StepsAsync(run.Id);
        Assert.Contains(steps, st => st.Kind == StepKind.Link && st.ReasonCode == "linked_by_email");
        Assert.DoesNotContain(steps.SelectMany(st => st.Changes), c => c.After == Iban);
    }

    [Theory]
    [InlineData("2026-06-15T10:00:00Z")]
    [InlineData("2026-06-15T23:30:00Z")] // already tomorrow in Berlin
    [InlineData("2026-03-28T23:30:00Z")] // Berlin moves to summer time that night
    [InlineData("2026-10-24T23:30:00Z")] // and back to winter time
    public async Task DayByDay_HireOnboardingLeaveTerminationRehireEmailChange_DirectoryFollows(string start)
    {
        await using var s = await SyncScenario.StartAsync(start: DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        var anna = await s.HireAsync("Anna", "Schmidt", email: "anna@example.test", iban: Iban);
        var bert = await s.HireAsync("Bert", "Bauer", email: "bert@example.test", hireDate: s.Today(1));

        var day1 = await s.SyncAsync();
        Assert.Equal((1, 1), (day1.Created, day1.Skipped));
        Assert.Single(await s.PersonioUsersAsync());

        s.Clock.Advance(TimeSpan.FromDays(1));
        await s.PersonioAsync(HttpMethod.Post, $"/{anna}/leave");
        var day2 = await s.SyncAsync();
        Assert.Equal((1, 0), (day2.Created, day2.Deactivated));
        Assert.Equal(UserStatus.Invited, (await s.UserOfAsync(anna)).Status);
        Assert.Equal(UserStatus.Invited, (await s.UserOfAsync(bert)).Status);

        await s.PersonioAsync(HttpMethod.Post, $"/{anna}/return");
        await s.PersonioAsync(HttpMethod.Put, $"/{anna}/email", new { email = "anna.schmidt@example.test" });
        await s.PersonioAsync(HttpMethod.Post, $"/{bert}/terminate", new { termination_date = s.Today(-1), type = "EMPLOYEE" });
        var day3 = await s.SyncAsync();
        Assert.Equal((1, 1), (day3.Updated, day3.Deactivated));
        Assert.Equal("anna.schmidt@example.test", (await s.UserOfAsync(anna)).Email);
        Assert.Equal(UserStatus.Deactivated, (await s.UserOfAsync(bert)).Status);

        await s.App.WithDbAsync(async db =>
        {
            db.Cause = Rollcall.Data.Audit.ChangeCause.System("test: Bert had accepted his invitation");
            var user = await db.DirectoryUsers.SingleAsync(u => u.PersonioEmployeeId == bert && u.CompanyId == s.Company.Id);
            user.AcceptedAt = s.Clock.GetUtcNow().UtcDateTime;
            return await db.SaveChangesAsync();
        });
        await s.PersonioAsync(HttpMethod.Post, $"/{bert}/rehire", new { hire_date = s.Today() });
        var day4 = await s.SyncAsync();

        Assert.Equal((1, 0), (day4.Reactivated, day4.Created));
        Assert.Equal(UserStatus.Active, (await s.UserOfAsync(bert)).Status);
        Assert.Equal(2, (await s.PersonioUsersAsync()).Count);
        // Anna and Bert once each, and Anna again at her new address (she had not accepted; the old link died with the old address).
        var invitations = await s.MessagesAsync(MessageKind.Invitation);
        Assert.Equal(3, invitations.Count);
        var annaId = (await s.UserOfAsync(anna)).Id;
        Assert.Equal(2, invitations.Count(m => m.UserId == annaId));
        var audit = await s.App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.CompanyId == s.Company.Id && a.CauseKind == Rollcall.Data.Audit.ChangeCauseKind.SyncRun).CountAsync());
        Assert.True(audit >= 5);
    }

    [Fact]
    public async Task Leave_UnderDeactivatePolicy_UserDeactivatedAndReactivatedOnReturn()
    {
        await using var s = await SyncScenario.StartAsync();
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        var carla = await s.HireAsync("Carla", "Conti", email: "carla@example.test");
        await s.SyncAsync();
        Assert.Equal(HttpStatusCode.OK, (await s.Api.PatchAsJsonAsync($"{s.Base}/settings", new { leavePolicy = "deactivate" })).StatusCode);

        await s.PersonioAsync(HttpMethod.Post, $"/{carla}/leave");
        var onLeave = await s.SyncAsync();
        await s.PersonioAsync(HttpMethod.Post, $"/{carla}/return");
        var back = await s.SyncAsync();

        Assert.Equal(1, onLeave.Deactivated);
        Assert.Equal("leave", (await s.StepsAsync(onLeave.Id)).Single(st => st.Kind == StepKind.Deactivate).ReasonCode);
        Assert.Equal(1, back.Reactivated);
        Assert.Equal(UserStatus.Invited, (await s.UserOfAsync(carla)).Status);
        Assert.Equal(2, (await s.MessagesAsync(MessageKind.Invitation)).Count);
    }

    [Fact]
    public async Task ExternalBecomesInternal_IbanChange_UnmappedAttribute_UpdatesOnlyWhatIsMapped()
    {
        await using var s = await SyncScenario.StartAsync();
        await SyncScenario.AssertOkAsync(await s.ConnectAsync(mapCreditor: false));
        var dora = await s.HireAsync("Dora", "Dahl", email: "dora@example.test", type: "external", creditor: "K-9");
        var emil = await s.HireAsync("Emil", "Eck", email: "emil@example.test", iban: Iban, creditor: "K-7");
        var first = await s.SyncAsync();
        Assert.Equal(1, first.Created);

        await s.PersonioAsync(HttpMethod.Patch, $"/{dora}", new { employment_type = "internal" });
        await s.PersonioAsync(HttpMethod.Put, $"/{emil}/attributes/{SyncScenario.IbanKey}", new { value = "GB82 WEST 1234 5698 7654 32" });
        var second = await s.SyncAsync();

        Assert.Equal((1, 1), (second.Created, second.Updated));
        Assert.Equal(UserStatus.Invited, (await s.UserOfAsync(dora)).Status);
        var emilUser = await s.UserOfAsync(emil);
        Assert.Equal("GB82WEST12345698765432", s.App.Open(emilUser.SealedIban));
        Assert.Null(emilUser.SealedCreditorNumber);
        var update = (await s.StepsAsync(second.Id)).Single(st => st.Kind == StepKind.Update);
        Assert.Equal(new Rollcall.Data.Audit.FieldChange("iban", "DE89 •••• •••• •••• 3000", "GB82 •••• •••• •••• 5432"), Assert.Single(update.Changes));
    }

    [Fact]
    public async Task SecondRun_NoChangeInPersonio_WritesNothingAndQueuesNothing()
    {
        await using var s = await SyncScenario.StartAsync();
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        foreach (var i in Enumerable.Range(1, 8))
        {
            await s.HireAsync($"Person{i}", "Steady", email: $"p{i}@example.test", iban: Iban, personnel: $"P-{i}");
        }

        await s.HireAsync("Old", "Timer", email: "old@example.test", type: "external");
        await s.SyncAsync();
        var before = await s.DirectoryFootprintAsync();

        var again = await s.SyncAsync();

        Assert.Equal(before, await s.DirectoryFootprintAsync());
        Assert.Equal((RunState.Succeeded, 9, 0, 0, 0, 0), (again.State, again.Read, again.Created, again.Updated, again.Deactivated, again.Linked));
        Assert.Empty(await s.StepsAsync(again.Id));
    }

    [Fact]
    public async Task Preview_ThenRealRun_SamePlanAndPreviewChangesNothing()
    {
        await using var s = await SyncScenario.StartAsync();
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.HireAsync("Fritz", "Förster", email: "fritz@example.test", iban: Iban);
        await s.HireAsync("Gabi", "Groß", email: "gabi@example.test", iban: "DE00 1234");
        await s.HireAsync("Hans", "Hase", email: "hans(at)example.test");

        var preview = await s.SyncAsync(dryRun: true);
        var users = await s.App.WithDbAsync(db => db.DirectoryUsers.CountAsync(u => u.CompanyId == s.Company.Id));
        var planned = await s.StepsAsync(preview.Id);
        var real = await s.SyncAsync();
        var applied = await s.StepsAsync(real.Id);

        Assert.Equal(RunState.Previewed, preview.State);
        Assert.Equal(1, users);
        Assert.All(planned, st => Assert.True(st.Status is StepStatus.Planned));
        Assert.Equal(planned.Select(p => (p.Kind, p.PersonioEmployeeId, p.ReasonCode, string.Join(";", p.Changes))),
            applied.Select(a => (a.Kind, a.PersonioEmployeeId, a.ReasonCode, string.Join(";", a.Changes))));
        Assert.Equal((2, 2, 1, 1), (preview.Created, real.Created, preview.Warnings, preview.Skipped));
        Assert.Equal("invalid_email", applied.Single(a => a.Kind == StepKind.Skip).ReasonCode);
        Assert.Equal("invalid_iban", applied.Single(a => a.Kind == StepKind.Warn).ReasonCode);
        Assert.Null((await s.App.WithDbAsync(db => db.DirectoryUsers.SingleAsync(u => u.Email == "gabi@example.test"))).SealedIban);
    }

    [Fact]
    public async Task SyncNow_ThroughTheApi_RunsInTheBackgroundAndIsRecorded()
    {
        await using var s = await SyncScenario.StartAsync();
        await SyncScenario.AssertOkAsync(await s.ConnectAsync());
        await s.HireAsync("Ida", "Imhof", email: "ida@example.test");

        var accepted = await s.Api.PostAsync($"{s.Base}/sync", null);
        var run = await accepted.ReadJsonAsync(HttpStatusCode.Accepted);
        var location = accepted.Headers.Location!.ToString();
        System.Text.Json.Nodes.JsonNode finished = run;
        for (var i = 0; i < 300 && finished["state"]!.GetValue<string>() == "running"; i++)
        {
            await Task.Delay(100);
            finished = await (await s.Api.GetAsync(location)).ReadJsonAsync(HttpStatusCode.OK);
        }

        var integration = await (await s.Api.GetAsync(s.Base)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("succeeded", finished["state"]!.GetValue<string>());
        Assert.Equal("manual", finished["trigger"]!.GetValue<string>());
        Assert.Equal(1, finished["created"]!.GetValue<int>());
        Assert.Equal(finished["id"]!.GetValue<string>(), integration["lastRun"]!["id"]!.GetValue<string>());
        Assert.DoesNotContain(s.Personio.Secret, integration.ToJsonString());
        Assert.Equal("connected", integration["state"]!.GetValue<string>());
    }
}
