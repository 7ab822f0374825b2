using Microsoft.EntityFrameworkCore;
using Rollcall.Data.Directory;
using Rollcall.Data.Outbox;
using Rollcall.Data.Sync;
using Rollcall.Tests.Infrastructure;

namespace Rollcall.Tests.Webhooks;

/// <summary>
/// Webhook events become targeted runs: only the persons they name are read (a person and an employment request each,
/// plus the attribute list once per run), planned like a full run, and nobody is deactivated for Personio's 404.
/// </summary>
public sealed class WebhookRunTests
{
    private const string Person = "GET /v2/persons/{id}";
    private const string Employments = "GET /v2/persons/{id}/employments";
    private const string Attributes = "GET /v1/company/employees/attributes";

    private static readonly Dictionary<string, string?> NoWait = new() { ["Webhooks:QuietPeriod"] = "00:00:00" };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Hire_ReachesTheDirectoryInOneTargetedRun_WithThreeRequests(string provider)
    {
        var (s, _) = await SyncScenario.StaffedAsync(30, provider, NoWait);
        await using var _ = s;
        var hired = await s.HireAsync("Nina", "Neu", "nina.neu@example.test");
        await s.RecordAsync("person.created", hired);
        await s.RecordAsync("employment.created", hired);

        var started = await s.App.ProcessEventsAsync();

        var run = Assert.Single(await s.RunsAsync(SyncTrigger.Webhook));
        Assert.Equal(1, started);
        Assert.Equal((RunState.Succeeded, 1, 1, 0), (run.State, run.Created, run.Targeted, run.Deactivated));
        var user = await s.UserOfAsync(hired);
        Assert.Equal(UserStatus.Invited, user.Status);
        Assert.Single(await s.MessagesAsync(MessageKind.Invitation), m => m.UserId == user.Id);
        Assert.All(await s.EventsAsync(), e => Assert.Equal((run.Id, true), (e.RunId!.Value, e.ProcessedAt is not null)));
        Assert.Equal(new Dictionary<string, int> { [Attributes] = 1, [Person] = 1, [Employments] = 1 }, await s.Sandbox.DataRequestsAsync());
        Assert.Contains(await s.StepsAsync(run.Id), st => st is { Kind: StepKind.Create, Status: StepStatus.Applied } && st.PersonioEmployeeId == hired);
    }

    [Fact]
    public async Task EmailChangeAndTermination_EachFollowsItsEventWithoutAFullRead()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(30, settings: NoWait);
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Put, $"/{ids[4]}/email", new { email = "new.address@example.test" });
        await s.RecordAsync("person.updated", ids[4]);

        await s.App.ProcessEventsAsync();
        var afterEmail = await s.Sandbox.DataRequestsAsync();
        await s.Sandbox.ResetRequestCountsAsync();
        await s.PersonioAsync(HttpMethod.Post, $"/{ids[7]}/terminate", new { termination_date = s.Today(-1) });
        await s.RecordAsync("employment.updated", ids[7]);
        await s.App.ProcessEventsAsync();

        Assert.Equal("new.address@example.test", (await s.UserOfAsync(ids[4])).Email);
        Assert.Equal(UserStatus.Deactivated, (await s.UserOfAsync(ids[7])).Status);
        Assert.Equal(3, afterEmail.Values.Sum());
        Assert.Equal(3, (await s.Sandbox.DataRequestsAsync()).Values.Sum());
        var runs = await s.RunsAsync(SyncTrigger.Webhook);
        Assert.Equal([(1, 0), (0, 1)], runs.Select(r => (r.Updated, r.Deactivated)));
        Assert.Equal(29, (await s.PersonioUsersAsync()).Count(u => u.Status == UserStatus.Invited)); // only the leaver deactivated
    }

    [Fact]
    public async Task BurstOf500Hires_OneRunTwoRequestsPerPerson()
    {
        var (s, _) = await SyncScenario.StaffedAsync(0, settings: NoWait);
        await using var _ = s;
        var hired = await s.HireManyAsync(500);
        foreach (var id in hired)
        {
            await s.RecordAsync("person.created", id);
            await s.RecordAsync("employment.created", id);
        }

        await s.RecordAsync("person.updated", hired[0]);
        await s.Sandbox.ResetRequestCountsAsync();

        var started = await s.App.ProcessEventsAsync();

        var run = Assert.Single(await s.RunsAsync(SyncTrigger.Webhook));
        Assert.Equal(1, started);
        Assert.Equal((RunState.Succeeded, 500, 500), (run.State, run.Created, run.Targeted));
        Assert.Equal(new Dictionary<string, int> { [Attributes] = 1, [Person] = 500, [Employments] = 500 }, await s.Sandbox.DataRequestsAsync());
        Assert.All(await s.EventsAsync(), e => Assert.Equal(run.Id, e.RunId));
        Assert.Equal(0, await s.App.ProcessEventsAsync()); // nothing left waiting
    }

    [Fact]
    public async Task TenThousandEventsInAMinute_ABoundedNumberOfRuns_EachPersonReadOnce()
    {
        var (s, _) = await SyncScenario.StaffedAsync(0, settings: new Dictionary<string, string?>(NoWait) { ["Webhooks:MaxPersonsPerRun"] = "400" });
        await using var _ = s;
        var hired = await s.HireManyAsync(600);
        // 10,000 deliveries within a minute: the 600 hires' events, repeated updates, and people Personio never had.
        var received = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1);
        await s.App.WithDbAsync(async db =>
        {
            db.WebhookEvents.AddRange(Enumerable.Range(0, 10_000).Select(n => new Rollcall.Data.Webhooks.WebhookEvent
            {
                CompanyId = s.Company.Id, Fingerprint = $"{n:x64}", EventName = n % 2 == 0 ? "person.updated" : "employment.updated",
                PersonId = n < 9_900 ? hired[n % hired.Count] : 9_000_000 + n, OccurredAt = received, ReceivedAt = received.AddMilliseconds(n * 6),
            }));
            return await db.SaveChangesAsync();
        });
        await s.Sandbox.ResetRequestCountsAsync();

        var first = await s.App.ProcessEventsAsync();
        var second = await s.App.ProcessEventsAsync();
        var third = await s.App.ProcessEventsAsync();

        var runs = await s.RunsAsync(SyncTrigger.Webhook);
        var requests = await s.Sandbox.DataRequestsAsync();
        Assert.Equal((1, 1, 0), (first, second, third)); // 700 persons at 400 a run: two runs, then nothing waits
        Assert.Equal((600, 700), (runs.Sum(r => r.Created), runs.Sum(r => r.Targeted ?? 0)));
        Assert.Equal(700, requests[Person]); // each person once, however many events named them
        Assert.Equal(600, requests[Employments]); // Personio's 404 for the 100 unknown ones: no employment read
        Assert.Equal(0, runs.Sum(r => r.Deactivated));
        Assert.Empty(await s.App.WithDbAsync(db => db.WebhookEvents.Where(e => e.ProcessedAt == null).ToListAsync()));
    }

    [Fact]
    public async Task MorePersonsThanARunMayRead_TheRestWaitForTheNextRun()
    {
        var (s, _) = await SyncScenario.StaffedAsync(0, settings: new Dictionary<string, string?>(NoWait) { ["Webhooks:MaxPersonsPerRun"] = "3" });
        await using var _ = s;
        var hired = await s.HireManyAsync(5);
        foreach (var id in hired)
        {
            await s.RecordAsync("person.created", id);
        }

        await s.App.ProcessEventsAsync();
        var waitingAfterFirst = (await s.EventsAsync()).Count(e => e.ProcessedAt is null);
        await s.App.ProcessEventsAsync();

        Assert.Equal([3, 2], (await s.RunsAsync(SyncTrigger.Webhook)).Select(r => r.Created));
        Assert.Equal(2, waitingAfterFirst);
        Assert.Equal(5, (await s.PersonioUsersAsync()).Count);
    }

    [Fact]
    public async Task EventForAPersonDeletedInPersonio_NobodyDeactivated_LeftToTheFullRead()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(30, settings: NoWait);
        await using var _ = s;
        await s.PersonioAsync(HttpMethod.Delete, $"/{ids[3]}");
        await s.RecordAsync("person.deleted", ids[3]);

        await s.App.ProcessEventsAsync();
        var run = Assert.Single(await s.RunsAsync(SyncTrigger.Webhook));
        var whileOnlyEvents = (await s.UserOfAsync(ids[3])).Status;
        var full = await s.SyncAsync();

        Assert.Equal((RunState.Succeeded, 0, 1), (run.State, run.Deactivated, run.Warnings));
        var warning = Assert.Single(await s.StepsAsync(run.Id));
        Assert.Equal((StepKind.Warn, "gone_unconfirmed.full_read", ids[3]), (warning.Kind, warning.Reason!.Key, warning.PersonioEmployeeId!.Value));
        Assert.Equal(UserStatus.Invited, whileOnlyEvents);
        Assert.Equal(1, full.Deactivated); // the full read asks Personio about the missing user and deactivates on its 404
        Assert.NotNull((await s.EventsAsync()).Single().ProcessedAt);
    }

    [Fact]
    public async Task UnfriendlyAnswersOnTheTargetedReads_NobodyChangedOrDeactivated_TheirEventsWaitForTheNextRun()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(30, settings: NoWait);
        await using var _ = s;
        foreach (var id in ids[1..5])
        {
            await s.PersonioAsync(HttpMethod.Put, $"/{id}/email", new { email = $"moved.{id}@example.test" });
            await s.RecordAsync("person.updated", id);
        }

        // A 500 every time, a proxy's 404 that is not Personio's, and a body that is no JSON: none of them an answer.
        await s.Sandbox.ArmFaultAsync("server_error", times: 0, path: $"/v2/persons/{ids[2]}");
        await s.Sandbox.ArmFaultAsync("bare_not_found", times: 0, path: $"/v2/persons/{ids[3]}");
        await s.Sandbox.ArmFaultAsync("malformed_json", times: 0, path: $"/v2/persons/{ids[4]}");
        await s.App.ProcessEventsAsync();
        var run = Assert.Single(await s.RunsAsync(SyncTrigger.Webhook));
        var steps = await s.StepsAsync(run.Id);
        var waiting = (await s.EventsAsync()).Where(e => e.ProcessedAt is null).Select(e => e.PersonId!.Value).Order().ToList();
        var afterFaults = await Task.WhenAll(ids[1..5].Select(s.UserOfAsync));

        await s.Sandbox.ClearFaultsAsync();
        await s.App.ProcessEventsAsync();
        var afterClearing = await Task.WhenAll(ids[1..5].Select(s.UserOfAsync));

        Assert.Equal((RunState.Succeeded, 1, 0), (run.State, run.Updated, run.Deactivated));
        Assert.Equal(ids[2..5], steps.Where(st => st.Reason?.Key == "unanswered.targeted").Select(st => st.PersonioEmployeeId!.Value).Order());
        Assert.Equal(ids[2..5], waiting);
        Assert.Equal($"moved.{ids[1]}@example.test", afterFaults[0].Email);
        Assert.All(afterFaults[1..], u => Assert.Equal((UserStatus.Invited, false), (u.Status, u.Email.StartsWith("moved.", StringComparison.Ordinal))));
        Assert.All(afterClearing, u => Assert.Equal((UserStatus.Invited, $"moved.{u.PersonioEmployeeId}@example.test"), (u.Status, u.Email)));
        Assert.DoesNotContain(await s.EventsAsync(), e => e.ProcessedAt is null);
    }

    [Fact]
    public async Task TerminationBursts_GuardCountedAgainstTheWholeCompany()
    {
        var (s, ids) = await SyncScenario.StaffedAsync(40, settings: NoWait);
        await using var _ = s;
        foreach (var id in ids.Take(3))
        {
            await s.PersonioAsync(HttpMethod.Post, $"/{id}/terminate", new { termination_date = s.Today(-1) });
            await s.RecordAsync("employment.updated", id);
        }

        await s.App.ProcessEventsAsync();
        foreach (var id in ids.Skip(3).Take(5))
        {
            await s.PersonioAsync(HttpMethod.Post, $"/{id}/terminate", new { termination_date = s.Today(-1) });
            await s.RecordAsync("employment.updated", id);
        }

        await s.App.ProcessEventsAsync();

        var runs = await s.RunsAsync(SyncTrigger.Webhook);
        // 3 of 40 is under the guard's 10 % (though all of the 3 persons read); 5 of the 37 left is over it.
        Assert.Equal([(RunState.Succeeded, 3, 0), (RunState.NeedsApproval, 0, 5)], runs.Select(r => (r.State, r.Deactivated, r.Held)));
        Assert.Equal(3, (await s.PersonioUsersAsync()).Count(u => u.Status == UserStatus.Deactivated));
        Assert.All(await s.EventsAsync(), e => Assert.NotNull(e.ProcessedAt)); // held runs cover their events: the approval decides
        Assert.Single(await s.MessagesAsync(MessageKind.AdminNotification), m => m.Topic == "approval_needed" && m.RunId == runs[1].Id);
    }
}
